import type { Knex } from 'knex';
import { actsForUser } from '../delegation/acts-for-user';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../letters/is-unique-violation';
import {
  INCOMING_REFUSAL,
  OPEN_DISPOSITION,
  type IncomingActivities,
} from '../../workflows/incoming-letter-types';
import { isInstruction } from './instructions';

export type CreateDispositionsInput = Parameters<IncomingActivities['createDispositions']>[0];

const NOTE_MAX = 2000;

/**
 * Writes one disposition per receiver (status 'unread', creation_key `${key}:${toUserId}`) with an
 * audit row each, in one transaction, after checking the letter is open, the receivers (distinct, not
 * the giver, active members of the letter's OPD), the instruction (the standard list), the due time (in
 * the future) and the parent (the giver's own open disposition of this letter). A retry with the same
 * key returns the ids already written, whatever the time. Returns ids in the order of toUserIds.
 */
export async function createDispositions(
  db: Knex,
  input: CreateDispositionsInput,
  now: Date = new Date(),
): Promise<{ ids: number[] }> {
  const keys = input.toUserIds.map((userId) => `${input.key}:${userId}`);
  const existing = await existingIds(db, keys);
  if (existing) return { ids: existing };
  const dueAt = checkRequest(input, now);
  try {
    return await db.transaction(async (trx) => {
      const letter = await trx('incoming_letters').where({ id: input.incomingId }).forUpdate().first();
      if (!letter) throw new NotFoundError('Surat masuk tidak ditemukan.');
      if (letter.status === 'closed') throw new ConflictError(INCOMING_REFUSAL.closed);
      await checkParent(trx, input);
      await checkReceivers(trx, input.toUserIds, Number(letter.opd_id));
      const note = input.note?.trim() || null;
      const ids: number[] = [];
      for (const [i, toUserId] of input.toUserIds.entries()) {
        const [id] = await trx('dispositions').insert({
          incoming_letter_id: input.incomingId,
          parent_id: input.parentId,
          from_user_id: input.fromUserId,
          to_user_id: toUserId,
          instruction: input.instruction,
          note,
          due_at: dueAt,
          status: 'unread',
          creation_key: keys[i],
          created_at: now,
        });
        ids.push(Number(id));
        await appendAudit(trx, {
          actorId: input.fromUserId,
          opdId: Number(letter.opd_id),
          action: 'disposition.create',
          entityType: 'disposition',
          entityId: Number(id),
          data: {
            incomingId: input.incomingId,
            parentId: input.parentId,
            toUserId,
            instruction: input.instruction,
            dueAt: dueAt?.toISOString() ?? null,
          },
        });
      }
      return { ids };
    });
  } catch (error) {
    // The same key written at the same moment by a concurrent retry: its rows are the answer.
    if (isUniqueViolation(error)) {
      const written = await existingIds(db, keys);
      if (written) return { ids: written };
    }
    throw error;
  }
}

async function existingIds(db: Knex, keys: string[]): Promise<number[] | null> {
  if (!keys.length) return null;
  const rows = await db('dispositions').whereIn('creation_key', keys).select('id', 'creation_key');
  if (rows.length !== keys.length) return null;
  const byKey = new Map(rows.map((r) => [r.creation_key as string, Number(r.id)]));
  return keys.map((k) => byKey.get(k)!);
}

/** The checks that need no database; returns the due time. */
function checkRequest(input: CreateDispositionsInput, now: Date): Date | null {
  if (!input.toUserIds.length) throw new ValidationError(INCOMING_REFUSAL.noReceivers);
  if (new Set(input.toUserIds).size !== input.toUserIds.length) {
    throw new ValidationError(INCOMING_REFUSAL.duplicateReceiver);
  }
  if (input.toUserIds.includes(input.fromUserId)) throw new ValidationError(INCOMING_REFUSAL.selfReceiver);
  if (!isInstruction(input.instruction)) {
    throw new ValidationError('Petunjuk disposisi harus dipilih dari daftar petunjuk baku.');
  }
  if ((input.note ?? '').length > NOTE_MAX) {
    throw new ValidationError(`Catatan disposisi paling banyak ${NOTE_MAX} karakter.`);
  }
  if (input.dueAt === null) return null;
  const dueAt = new Date(input.dueAt);
  if (Number.isNaN(dueAt.getTime())) throw new ValidationError('Batas waktu disposisi tidak valid.');
  if (dueAt.getTime() <= now.getTime()) {
    throw new ValidationError('Batas waktu disposisi harus di masa mendatang.');
  }
  return dueAt;
}

async function checkParent(trx: Knex.Transaction, input: CreateDispositionsInput): Promise<void> {
  if (input.parentId === null) return;
  const parent = await trx('dispositions').where({ id: input.parentId }).forUpdate().first();
  if (!parent || Number(parent.incoming_letter_id) !== input.incomingId) {
    throw new NotFoundError('Disposisi tidak ditemukan.');
  }
  const giver = { actorId: input.fromUserId, onBehalfOf: input.onBehalfOf };
  if (!(await actsForUser(trx, giver, Number(parent.to_user_id))))
    throw new ForbiddenError(INCOMING_REFUSAL.notReceiver);
  if (!OPEN_DISPOSITION.includes(parent.status)) {
    throw new ConflictError(INCOMING_REFUSAL.dispositionFinished);
  }
}

async function checkReceivers(trx: Knex.Transaction, toUserIds: number[], opdId: number): Promise<void> {
  const members = new Set(
    (await trx('users').whereIn('id', toUserIds).where({ opd_id: opdId, active: true }).pluck('id')).map(
      Number,
    ),
  );
  if (toUserIds.every((id) => members.has(id))) return;
  throw new ValidationError(
    'Penerima disposisi harus pegawai aktif pada perangkat daerah penerima surat ini.',
  );
}
