import { z } from 'zod';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { SIFAT, URGENCIES } from './letter-options';
import { sanitizeLetterFields } from './sanitize-letter-fields';

const id = z.coerce.number().int().positive();

/**
 * A letter's content as the API and the compose pages receive it: the template's `fields` are checked
 * later by validateLetterContent (per kind), so here they are only an object.
 */
export const contentSchema = z.object({
  kind: z.string().min(1, 'wajib diisi'),
  subject: z.string().trim().min(1, 'wajib diisi').max(500),
  sifat: z.enum(SIFAT, { message: `harus salah satu dari: ${SIFAT.join(', ')}` }),
  urgency: z.enum(URGENCIES, { message: `harus salah satu dari: ${URGENCIES.join(', ')}` }),
  classification: z.string().trim().min(1, 'wajib diisi').max(32),
  fields: z.record(z.string(), z.unknown()),
  recipients: z.array(id).min(1, 'pilih minimal satu OPD tujuan'),
  cc: z.array(id).default([]),
});

export type ContentInput = z.infer<typeof contentSchema>;

/** The workflow's LetterContent, with rich text sanitised on the server. */
export function toContent(input: ContentInput): LetterContent {
  return {
    kind: input.kind,
    subject: input.subject,
    sifat: input.sifat,
    urgency: input.urgency,
    classification: input.classification,
    fields: sanitizeLetterFields(input.kind, input.fields),
    recipientOpdIds: input.recipients,
    ccOpdIds: input.cc,
  };
}
