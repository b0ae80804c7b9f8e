import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, NotFoundError } from '../errors';
import { REFUSAL, type LetterContent } from '../../workflows/outgoing-letter-types';
import { validateLetterContent } from './validate-letter-content';
import { writeLetterRecipients } from './write-letter-recipients';
import { indexArchiveText } from '../search/index-archive-text';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

export interface SaveLetterVersionInput {
  letterId: number;
  authorId: number;
  baseVersionNo: number;
  content: LetterContent;
}

const FROZEN = ['sending', 'sent', 'withdrawn'];

/**
 * Saves an edit as version base+1 and makes it the letter's current content (subject, sifat, urgency,
 * classification, recipients), with the audit row, in one transaction. A stale base is refused with
 * ConflictError; a retry of a save already made (same base, author and content) returns that version.
 */
export async function saveLetterVersion(
  db: Knex,
  input: SaveLetterVersionInput,
): Promise<{ versionNo: number }> {
  const letter = await db('letters').where({ id: input.letterId }).first('id', 'opd_id');
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  const content = await validateLetterContent(db, Number(letter.opd_id), input.content);
  const json = JSON.stringify(content);
  return transactionRetryingDeadlocks(db, async (trx) => {
    const row = await trx('letters').where({ id: input.letterId }).forUpdate().first();
    const latest = await trx('letter_versions').where({ letter_id: input.letterId }).max('version_no as n');
    const current = Number(latest[0]?.n ?? 0);
    const next = input.baseVersionNo + 1;
    if (input.baseVersionNo !== current) {
      const made = await trx('letter_versions')
        .where({ letter_id: input.letterId, version_no: next })
        .first('author_id', 'fields');
      if (made && Number(made.author_id) === input.authorId && made.fields === json)
        return { versionNo: next };
      throw new ConflictError(REFUSAL.staleVersion);
    }
    if (FROZEN.includes(row.status) || row.signed_file_id !== null) {
      throw new ConflictError('Surat yang sudah ditandatangani, dikirim, atau ditarik tidak dapat diubah.');
    }
    const now = new Date();
    const [versionId] = await trx('letter_versions').insert({
      letter_id: input.letterId,
      version_no: next,
      author_id: input.authorId,
      fields: json,
      created_at: now,
    });
    await trx('letters')
      .where({ id: input.letterId })
      .update({
        kind: content.kind,
        subject: content.subject,
        sifat: content.sifat,
        urgency: content.urgency,
        classification: content.classification,
        current_version_id: Number(versionId),
        updated_at: now,
      });
    await writeLetterRecipients(trx, input.letterId, content);
    await indexArchiveText(trx, 'keluar', [input.letterId]);
    await appendAudit(trx, {
      actorId: input.authorId,
      opdId: Number(row.opd_id),
      action: 'letter.edit',
      entityType: 'letter',
      entityId: input.letterId,
      data: { versionNo: next, baseVersionNo: input.baseVersionNo },
    });
    return { versionNo: next };
  });
}
