import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';
import type { IncomingRow } from './incoming-rows';

/**
 * The incoming letter row if the actor may see it: a superadmin, the bagian umum (admin_opd) of its
 * OPD, or someone who gave or received one of its dispositions, or stands in for such a person (a
 * recalled one no longer counts for its receiver). Anyone else gets the same NotFoundError as for a letter that does not exist.
 */
export async function findIncomingForActor(db: Knex, actor: Actor, incomingId: number): Promise<IncomingRow> {
  const missing = new NotFoundError('Surat masuk tidak ditemukan.');
  if (!Number.isInteger(incomingId) || incomingId <= 0) throw missing;
  const row: IncomingRow | undefined = await db('incoming_letters').where({ id: incomingId }).first();
  if (!row) throw missing;
  if (actor.roles.includes('superadmin')) return row;
  if (actor.roles.includes('admin_opd') && actor.opdId === Number(row.opd_id)) return row;
  // A Plt / Plh sees what the official they stand in for sees.
  const people = await peopleActedFor(db, actor.id);
  const involved = await db('dispositions')
    .where({ incoming_letter_id: incomingId })
    .andWhere((w) =>
      w
        .whereIn('from_user_id', people)
        .orWhere((r) => r.whereIn('to_user_id', people).whereNot('status', 'recalled')),
    )
    .first('id');
  if (!involved) throw missing;
  return row;
}
