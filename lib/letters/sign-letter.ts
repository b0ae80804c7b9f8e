import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { Config } from '../config';
import { renderLetterPdf } from '../documents/render-letter-pdf';
import type { LetterRenderInput } from '../documents/letter-render-input';
import { createIssuedDocument } from '../issued/create-issued-document';
import { signIssuedDocument } from '../issued/sign-issued-document';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { BrowserPool } from '../pdf/browser-pool';
import type { FileStore } from '../storage/file-store';
import type { ActingFor, LetterContent } from '../../workflows/outgoing-letter-types';
import { DELEGATION_PREFIX } from '../delegation/delegation-kinds';
import type { TemplateKind } from '../../templates';
import { isSifat, SIFAT_LABELS } from './letter-options';
import { redeemSigningGrant } from './redeem-signing-grant';
import { loadOpdLetterhead } from '../opd/load-opd-letterhead';
import { loadSystemSettings } from '../settings/system-settings';

export interface SignLetterDeps {
  db: Knex;
  files: FileStore;
  config: Config;
  pool: BrowserPool;
}

export interface SignLetterInput {
  letterId: number;
  /** The certificate holder who signs: the chosen signer, or their Plt / Plh. */
  signerId: number;
  grantId: string;
  actingFor?: ActingFor;
}

/** The delegation the API found is on record for exactly this principal and acting official. */
async function delegationMatches(db: Knex, input: SignLetterInput, principalId: number): Promise<boolean> {
  const row = await db('delegations')
    .where({ id: input.actingFor!.delegationId, principal_id: principalId, acting_id: input.signerId })
    .first('id');
  return row !== undefined && input.actingFor!.principalId === principalId;
}

/** Stores the signed document on the letter (once) and returns what the workflow keeps. */
async function finish(
  db: Knex,
  letter: { id: number; opd_id: number },
  document: { id: number; code: string; current_file_id: number },
  signerId: number,
  actingFor?: ActingFor,
): Promise<{ documentCode: string; sha256: string }> {
  return db.transaction(async (trx) => {
    const file = await trx('files').where({ id: document.current_file_id }).first('sha256');
    const row = await trx('letters').where({ id: letter.id }).forUpdate().first('signed_file_id');
    if (row.signed_file_id === null) {
      await trx('letters').where({ id: letter.id }).update({
        signed_file_id: document.current_file_id,
        verification_code: document.code,
        updated_at: new Date(),
      });
      await appendAudit(trx, {
        actorId: signerId,
        opdId: Number(letter.opd_id),
        action: 'letter.signed_document',
        entityType: 'letter',
        entityId: letter.id,
        data: { documentCode: document.code, sha256: file.sha256, ...(actingFor ? { actingFor } : {}) },
      });
    }
    return { documentCode: document.code, sha256: String(file.sha256) };
  });
}

/**
 * Renders the numbered letter in its signed layout and signs it with the signer's certificate, using
 * the key of a one-time grant. The issued document (and so the verification code in the QR)
 * is created once per letter and reused; a letter already signed (a retry after success, or after a
 * crash between signing and recording) returns its document without signing again. Everything that
 * may fail is done before the grant is redeemed, so a failure leaves the grant usable.
 */
export async function signLetter(
  deps: SignLetterDeps,
  input: SignLetterInput,
): Promise<{ documentCode: string; sha256: string }> {
  const { db } = deps;
  const letter = await db('letters').where({ id: input.letterId }).first();
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  if (letter.signer_id !== null && Number(letter.signer_id) !== input.signerId) {
    if (!input.actingFor || !(await delegationMatches(db, input, Number(letter.signer_id))))
      throw new ForbiddenError('Anda bukan pejabat penandatangan surat ini.');
  }
  let document = await db('documents').where({ letter_id: input.letterId }).orderBy('id').first();
  if (document && document.current_file_id !== null)
    return finish(db, letter, document, input.signerId, input.actingFor);
  if (!letter.number || !letter.number_date) {
    throw new ConflictError('Surat harus diberi nomor dan tanggal sebelum ditandatangani.');
  }

  if (!document) {
    await createIssuedDocument(db, {
      letterId: input.letterId,
      opdId: Number(letter.opd_id),
      kind: letter.kind,
      subject: letter.subject,
      number: letter.number,
      date: letter.number_date,
      sifat: letter.sifat,
      actorId: input.signerId,
    });
    document = await db('documents').where({ letter_id: input.letterId }).orderBy('id').first();
  }

  const rendered = await renderLetterPdf(deps.pool, await renderInput(deps, letter, document.code, input));
  const grant = await redeemSigningGrant(
    { db, pki: deps.config.pki },
    {
      grantId: input.grantId,
      letterId: input.letterId,
      signerId: input.signerId,
    },
  );
  await signIssuedDocument(
    { db, files: deps.files, pki: deps.config.pki },
    {
      documentId: Number(document.id),
      pdf: rendered.pdf,
      signatureBox: rendered.signatureBox,
      certificateId: grant.certificateId,
      key: grant.key,
      signerId: input.signerId,
    },
  );
  // Spent only once signed: a retry after a passing failure may use it again.
  await grant.spend();
  const signed = await db('documents').where({ id: document.id }).first();
  return finish(db, letter, signed, input.signerId, input.actingFor);
}

async function renderInput(
  deps: SignLetterDeps,
  letter: Record<string, unknown>,
  code: string,
  input: SignLetterInput,
): Promise<LetterRenderInput> {
  const { db } = deps;
  const version = await db('letter_versions').where({ id: letter.current_version_id }).first('fields');
  const content = JSON.parse(String(version.fields)) as LetterContent;
  const letterhead = await loadOpdLetterhead(db, deps.files, Number(letter.opd_id));
  const settings = await loadSystemSettings(db, deps.config);
  const signer = await db('users').where({ id: input.signerId }).first('name', 'position', 'nip');
  // A Plt / Plh signs under the principal's position: "Plt. Kepala Dinas …", with their own name and NIP.
  const principal = input.actingFor
    ? await db('users').where({ id: input.actingFor.principalId }).first('position')
    : undefined;
  const tembusan = await db('letter_recipients')
    .join('opd', 'opd.id', 'letter_recipients.opd_id')
    .where({ 'letter_recipients.letter_id': letter.id, 'letter_recipients.kind': 'cc' })
    .orderBy('letter_recipients.id')
    .pluck('opd.name');
  const sifat = String(letter.sifat);
  return {
    kind: content.kind as TemplateKind,
    fields: content.fields,
    ...letterhead,
    number: String(letter.number),
    date: String(letter.number_date),
    sifat: isSifat(sifat) ? SIFAT_LABELS[sifat] : sifat,
    subject: String(letter.subject),
    signer: {
      name: signer.name,
      position: principal ? principal.position : signer.position,
      nip: signer.nip ?? null,
      actingPrefix: input.actingFor ? DELEGATION_PREFIX[input.actingFor.kind] : null,
    },
    tembusan,
    draft: false,
    signature: { verifyUrl: `${settings.verificationBaseUrl}/verifikasi/${code}` },
  };
}
