import type { Knex } from 'knex';
import { NotFoundError } from '../lib/errors';
import { peopleActedFor } from '../lib/delegation/people-acted-for';
import type { Actor } from '../lib/rbac/policy';

/**
 * The letter if the actor is a party to it: its drafter, one of its verifiers or its signer (or their
 * Plt / Plh), the bagian
 * umum of its OPD, the bagian umum of a recipient OPD once sent, or a superadmin. Anyone else gets the
 * same 404 as for a letter that does not exist, so ids reveal nothing.
 */
export async function findLetterForActor(db: Knex, actor: Actor, letterId: number) {
  const letter = Number.isInteger(letterId) ? await db('letters').where({ id: letterId }).first() : undefined;
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  if (actor.roles.includes('superadmin') || Number(letter.drafter_id) === actor.id) return letter;
  const isAdmin = actor.roles.includes('admin_opd');
  if (isAdmin && Number(letter.opd_id) === actor.opdId) return letter;
  // A Plt / Plh sees what the official they stand in for sees, while the delegation is in force.
  const people = await peopleActedFor(db, actor.id);
  const step = await db('letter_steps')
    .where({ letter_id: letterId })
    .whereIn('assignee_id', people)
    .first('id');
  if (step || people.includes(Number(letter.signer_id))) return letter;
  if (isAdmin && ['sending', 'sent'].includes(letter.status)) {
    const recipient = await db('letter_recipients')
      .where({ letter_id: letterId, opd_id: actor.opdId })
      .first('id');
    if (recipient) return letter;
  }
  throw new NotFoundError('Surat tidak ditemukan.');
}
