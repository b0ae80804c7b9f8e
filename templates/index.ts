import type { LetterTemplate } from './letter-template';
import { memo } from './memo';
import { notaDinas } from './nota-dinas';
import { suratDinas } from './surat-dinas';
import { suratEdaran } from './surat-edaran';
import { suratKeputusan } from './surat-keputusan';
import { suratTugas } from './surat-tugas';
import { suratUndangan } from './surat-undangan';

/** Every kind of naskah dinas the system can write; the key is also the name of its .hbs file. */
export const TEMPLATES = {
  'surat-dinas': suratDinas,
  'nota-dinas': notaDinas,
  'surat-undangan': suratUndangan,
  'surat-edaran': suratEdaran,
  'surat-tugas': suratTugas,
  'surat-keputusan': suratKeputusan,
  memo,
} as const satisfies Record<string, LetterTemplate>;

export type TemplateKind = keyof typeof TEMPLATES;

export const templateKinds = Object.keys(TEMPLATES) as [TemplateKind, ...TemplateKind[]];
