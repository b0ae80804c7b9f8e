import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ForbiddenError, NotFoundError } from '../errors';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { validateLetterContent } from './validate-letter-content';
import { writeLetterRecipients } from './write-letter-recipients';
import { indexArchiveText } from '../search/index-archive-text';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

export interface CreateLetterInput {
  drafterId: number;
  content: LetterContent;
}

/**
 * Creates a draft outgoing letter in the drafter's OPD: the letters row (status 'draft'), version 1
 * holding the content, its recipients and tembusan, and the audit row, in one transaction. Invalid
 * content is refused with a ValidationError before anything is written. The caller starts the workflow.
 */
export async function createLetter(
  db: Knex,
  input: CreateLetterInput,
): Promise<{ letterId: number; versionNo: 1 }> {
  const drafter = await db('users').where({ id: input.drafterId }).first('id', 'opd_id', 'active');
  if (!drafter) throw new NotFoundError('Pengguna tidak ditemukan.');
  if (!drafter.active || drafter.opd_id === null) {
    throw new ForbiddenError('Hanya ASN aktif pada perangkat daerah yang dapat membuat surat.');
  }
  const opdId = Number(drafter.opd_id);
  const content = await validateLetterContent(db, opdId, input.content);
  const now = new Date();
  return transactionRetryingDeadlocks(db, async (trx) => {
    const [id] = await trx('letters').insert({
      opd_id: opdId,
      drafter_id: input.drafterId,
      kind: content.kind,
      subject: content.subject,
      sifat: content.sifat,
      urgency: content.urgency,
      classification: content.classification,
      status: 'draft',
      created_at: now,
      updated_at: now,
    });
    const letterId = Number(id);
    const [versionId] = await trx('letter_versions').insert({
      letter_id: letterId,
      version_no: 1,
      author_id: input.drafterId,
      fields: JSON.stringify(content),
      created_at: now,
    });
    await trx('letters')
      .where({ id: letterId })
      .update({ current_version_id: Number(versionId) });
    await writeLetterRecipients(trx, letterId, content);
    await indexArchiveText(trx, 'keluar', [letterId]);
    await appendAudit(trx, {
      actorId: input.drafterId,
      opdId,
      action: 'letter.create',
      entityType: 'letter',
      entityId: letterId,
      data: { versionNo: 1, kind: content.kind, subject: content.subject },
    });
    return { letterId, versionNo: 1 as const };
  });
}
