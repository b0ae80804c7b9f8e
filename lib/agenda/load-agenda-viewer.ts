import type { Knex } from 'knex';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';

export interface AgendaViewer {
  actor: Actor;
  isSuperadmin: boolean;
  /** The viewer's division (users.unit); '' when they belong to none. */
  unit: string;
  /**
   * OPDs whose every item the viewer sees and manages: those they head (or stand in for the head of),
   * and their own as admin_opd.
   */
  opdWide: number[];
}

/** What the agenda's visibility rules need to know about a person, read once per request. */
export async function loadAgendaViewer(db: Knex, actor: Actor): Promise<AgendaViewer> {
  const user = await db('users').where({ id: actor.id }).first('unit');
  // The head's Plt / Plh sees the OPD as the head does.
  const heads = await peopleActedFor(db, actor.id);
  const headed: number[] = (await db('opd').whereIn('head_user_id', heads).pluck('id')).map(Number);
  const opdWide = new Set(headed);
  if (actor.roles.includes('admin_opd') && actor.opdId !== null) opdWide.add(actor.opdId);
  return {
    actor,
    isSuperadmin: actor.roles.includes('superadmin'),
    unit: String(user?.unit ?? ''),
    opdWide: [...opdWide],
  };
}
