import type { Knex } from 'knex';
import { renderLetterPdf } from '../documents/render-letter-pdf';
import type { LetterRenderInput } from '../documents/letter-render-input';
import { NotFoundError } from '../errors';
import type { BrowserPool } from '../pdf/browser-pool';
import type { FileStore } from '../storage/file-store';
import type { TemplateKind } from '../../templates';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { isSifat, SIFAT_LABELS } from './letter-options';
import { loadOpdLetterhead } from '../opd/load-opd-letterhead';

export interface LetterPreviewDeps {
  db: Knex;
  files: FileStore;
  pool: BrowserPool;
}

export interface LetterPdf {
  pdf: Buffer;
  /** True for the signed document from the file store; false for a KONSEP preview. */
  signed: boolean;
  /** A safe download name, e.g. "surat-000.1.2-27-DISKOMINFO-2026.pdf" or "konsep-surat-12.pdf". */
  filename: string;
}

/** Printed in the signature block until the drafter has chosen the signer. */
export const SIGNER_PLACEHOLDER = '(pejabat penandatangan)';

const safeName = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A letter's PDF: once signed, the signed file exactly as stored (never re-rendered); before that,
 * the current version rendered as a draft (KONSEP on every page, no QR code) with the OPD's kop, the
 * tembusan, the signer the drafter chose (a placeholder before submission) and the number and date
 * once the bagian umum has set them. Callers check first that the actor may read the letter.
 */
export async function renderLetterPreview(deps: LetterPreviewDeps, letterId: number): Promise<LetterPdf> {
  const { db } = deps;
  const letter = await db('letters').where({ id: letterId }).first();
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  const numberPart = letter.number ? safeName(String(letter.number)) : '';

  if (letter.signed_file_id !== null && letter.signed_file_id !== undefined) {
    const file = await deps.files.get(Number(letter.signed_file_id));
    return {
      pdf: await deps.files.read(file),
      signed: true,
      filename: `surat-${numberPart || letter.id}.pdf`,
    };
  }

  const version = await db('letter_versions').where({ id: letter.current_version_id }).first('fields');
  if (!version) throw new NotFoundError('Versi surat tidak ditemukan.');
  const content = JSON.parse(String(version.fields)) as LetterContent;
  const letterhead = await loadOpdLetterhead(db, deps.files, Number(letter.opd_id));
  const signer =
    letter.signer_id !== null && letter.signer_id !== undefined
      ? await db('users').where({ id: letter.signer_id }).first('name', 'position', 'nip')
      : undefined;
  const tembusan = await db('letter_recipients')
    .join('opd', 'opd.id', 'letter_recipients.opd_id')
    .where({ 'letter_recipients.letter_id': letterId, 'letter_recipients.kind': 'cc' })
    .orderBy('letter_recipients.id')
    .pluck('opd.name');
  const sifat = String(content.sifat ?? letter.sifat);
  const input: LetterRenderInput = {
    kind: content.kind as TemplateKind,
    fields: content.fields,
    ...letterhead,
    number: letter.number ?? null,
    date: letter.number_date ? String(letter.number_date) : null,
    sifat: isSifat(sifat) ? SIFAT_LABELS[sifat] : sifat,
    subject: content.subject,
    signer: signer
      ? {
          name: signer.name,
          position: signer.position || SIGNER_PLACEHOLDER,
          nip: signer.nip ?? null,
        }
      : { name: SIGNER_PLACEHOLDER, position: SIGNER_PLACEHOLDER, nip: null },
    tembusan,
    draft: true,
    signature: null,
  };
  const rendered = await renderLetterPdf(deps.pool, input);
  return { pdf: rendered.pdf, signed: false, filename: `konsep-surat-${numberPart || letter.id}.pdf` };
}
