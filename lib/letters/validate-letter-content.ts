import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { validateLetterFields } from '../documents/validate-letter-fields';
import { templateKinds, type TemplateKind } from '../../templates';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { isSifat, isUrgency } from './letter-options';

const isTemplateKind = (value: unknown): value is TemplateKind =>
  typeof value === 'string' && (templateKinds as readonly string[]).includes(value);

function idList(value: unknown, label: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && v > 0)) {
    throw new ValidationError(`Daftar ${label} tidak valid.`);
  }
  const ids = value as number[];
  if (new Set(ids).size !== ids.length) {
    throw new ValidationError(`Perangkat daerah ${label} tidak boleh dipilih lebih dari sekali.`);
  }
  return ids;
}

/**
 * Checks a draft's content for the drafter's OPD and returns it normalised (fields cleaned by their
 * template's schema, keys in a fixed order), so equal content always serialises to the same JSON.
 * Throws a ValidationError with an Indonesian message at the first problem.
 */
export async function validateLetterContent(
  db: Knex | Knex.Transaction,
  drafterOpdId: number,
  content: LetterContent,
): Promise<LetterContent> {
  if (!content || typeof content !== 'object') throw new ValidationError('Isi surat tidak valid.');
  if (!isTemplateKind(content.kind)) throw new ValidationError('Jenis naskah tidak dikenal.');
  const subject = typeof content.subject === 'string' ? content.subject.trim() : '';
  if (!subject) throw new ValidationError('Perihal surat wajib diisi.');
  if (subject.length > 500) throw new ValidationError('Perihal surat paling banyak 500 karakter.');
  if (!isSifat(content.sifat)) throw new ValidationError('Sifat surat tidak dikenal.');
  if (!isUrgency(content.urgency)) throw new ValidationError('Derajat kecepatan (urgensi) tidak dikenal.');
  const classification = typeof content.classification === 'string' ? content.classification.trim() : '';
  const known = classification
    ? await db('classifications').where({ code: classification, active: true }).first('code')
    : null;
  if (!known) throw new ValidationError('Kode klasifikasi arsip tidak dikenal.');

  const fields = validateLetterFields(content.kind, content.fields);

  const recipientOpdIds = idList(content.recipientOpdIds, 'tujuan');
  const ccOpdIds = idList(content.ccOpdIds ?? [], 'tembusan');
  if (recipientOpdIds.length === 0) throw new ValidationError('Pilih minimal satu perangkat daerah tujuan.');
  if (recipientOpdIds.includes(drafterOpdId) || ccOpdIds.includes(drafterOpdId)) {
    throw new ValidationError('Surat keluar tidak dapat ditujukan kepada perangkat daerah sendiri.');
  }
  if (ccOpdIds.some((id) => recipientOpdIds.includes(id))) {
    throw new ValidationError('Perangkat daerah tujuan tidak boleh sekaligus menjadi tembusan.');
  }
  const all = [...recipientOpdIds, ...ccOpdIds];
  const active = await db('opd').whereIn('id', all).where({ active: true }).select('id');
  if (active.length !== all.length) {
    throw new ValidationError('Perangkat daerah tujuan atau tembusan tidak dikenal atau tidak aktif.');
  }

  return {
    kind: content.kind,
    subject,
    sifat: content.sifat,
    urgency: content.urgency,
    classification,
    fields,
    recipientOpdIds,
    ccOpdIds,
  };
}
