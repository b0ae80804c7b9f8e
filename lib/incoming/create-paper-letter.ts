import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import type { DetectedType } from '../storage/detect-file-type';
import type { FileStore } from '../storage/file-store';
import type { PaperLetterMeta } from './paper-letter-schema';
import { indexArchiveText } from '../search/index-archive-text';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

export interface CreatePaperLetterInput {
  actorId: number;
  /** The OPD of the bagian umum registering it: the letter's receiving OPD. */
  opdId: number;
  meta: PaperLetterMeta;
  /** The scan, already checked by content and size. */
  scan: { bytes: Buffer; type: DetectedType; originalName: string };
}

/**
 * Records a letter that arrived on paper: its scan in the file store, the incoming letter (source
 * 'paper', status 'received', no sender OPD) and the audit row, in one transaction. The caller then
 * starts its workflow, which registers it in the agenda.
 */
export async function createPaperLetter(
  db: Knex,
  files: FileStore,
  input: CreatePaperLetterInput,
): Promise<{ incomingId: number }> {
  const { meta } = input;
  const classification = await db('classifications')
    .where({ code: meta.classification, active: true })
    .first('code');
  if (!classification) {
    throw new ValidationError(`Kode klasifikasi ${meta.classification} tidak terdaftar.`);
  }
  const receivedAt = meta.receivedAt ? new Date(meta.receivedAt) : new Date();
  return transactionRetryingDeadlocks(db, async (trx) => {
    const scan = await files.put(
      input.scan.bytes,
      { mime: input.scan.type, originalName: input.scan.originalName, createdBy: input.actorId },
      trx,
    );
    const now = new Date();
    const [id] = await trx('incoming_letters').insert({
      opd_id: input.opdId,
      letter_id: null,
      source: 'paper',
      recipient_kind: 'to',
      sender_opd_id: null,
      sender_name: meta.senderName,
      number: meta.number,
      letter_date: meta.letterDate,
      subject: meta.subject,
      sifat: meta.sifat,
      urgency: meta.urgency,
      classification: meta.classification,
      received_at: receivedAt,
      scan_file_id: scan.id,
      status: 'received',
      created_at: now,
      updated_at: now,
    });
    const incomingId = Number(id);
    await indexArchiveText(trx, 'masuk', [incomingId]);
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: input.opdId,
      action: 'incoming.create_paper',
      entityType: 'incoming_letter',
      entityId: incomingId,
      data: { number: meta.number, senderName: meta.senderName, scanSha256: scan.sha256 },
    });
    return { incomingId };
  });
}
