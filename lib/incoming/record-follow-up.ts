import type { Knex } from 'knex';
import { actsForUser } from '../delegation/acts-for-user';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';

export interface RecordFollowUpInput {
  dispositionId: number;
  actorId: number;
  /** The receiver the actor reports for as Plt / Plh. */
  onBehalfOf?: number;
  report: string;
  /** Files already in the file store, with the names the user gave them. */
  files: { fileId: number; name: string }[];
}

const REPORT_MAX = 5000;

/**
 * Stores the receiver's follow-up report (tindak lanjut) with its files and marks the disposition done
 * (finished_at, and read_at if it was never opened), with the audit row, in one transaction. One report
 * per disposition: a retry finds it and changes nothing.
 */
export async function recordFollowUp(db: Knex, input: RecordFollowUpInput): Promise<void> {
  const report = (input.report ?? '').trim();
  if (!report) throw new ValidationError(INCOMING_REFUSAL.reportRequired);
  if (report.length > REPORT_MAX) {
    throw new ValidationError(`Laporan tindak lanjut paling banyak ${REPORT_MAX} karakter.`);
  }
  await db.transaction(async (trx) => {
    const row = await trx('dispositions').where({ id: input.dispositionId }).forUpdate().first();
    if (!row) throw new NotFoundError('Disposisi tidak ditemukan.');
    if (await trx('disposition_follow_ups').where({ disposition_id: input.dispositionId }).first('id'))
      return;
    if (!(await actsForUser(trx, input, Number(row.to_user_id))))
      throw new ForbiddenError(INCOMING_REFUSAL.notReceiver);
    if (row.status === 'forwarded') throw new ConflictError(INCOMING_REFUSAL.forwardedAlready);
    if (row.status !== 'unread' && row.status !== 'read') {
      throw new ConflictError(INCOMING_REFUSAL.dispositionFinished);
    }
    const fileIds = [...new Set(input.files.map((f) => f.fileId))];
    if (fileIds.length) {
      const [{ n }] = await trx('files').whereIn('id', fileIds).count({ n: '*' });
      if (Number(n) !== fileIds.length) throw new ValidationError('Berkas tindak lanjut tidak ditemukan.');
    }
    const now = new Date();
    const [followUpId] = await trx('disposition_follow_ups').insert({
      disposition_id: input.dispositionId,
      user_id: input.actorId,
      report,
      created_at: now,
    });
    if (input.files.length) {
      await trx('follow_up_files').insert(
        input.files.map((f) => ({
          follow_up_id: Number(followUpId),
          file_id: f.fileId,
          original_name: (f.name ?? '').slice(0, 255),
        })),
      );
    }
    await trx('dispositions')
      .where({ id: input.dispositionId })
      .update({ status: 'done', finished_at: now, read_at: row.read_at ?? now });
    const letter = await trx('incoming_letters').where({ id: row.incoming_letter_id }).first('opd_id');
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(letter.opd_id),
      action: 'disposition.follow_up',
      entityType: 'disposition',
      entityId: input.dispositionId,
      data: { from: row.status, files: input.files.map((f) => f.fileId) },
    });
  });
}
