import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import type { Actor } from '../rbac/policy';
import { DELEGATION_PREFIX, type DelegationKind } from './delegation-kinds';
import { mayDelegateFor } from './may-delegate-for';

export type DelegationStatus = 'upcoming' | 'in_force' | 'over' | 'ended';

export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  upcoming: 'Akan berlaku',
  in_force: 'Berlaku',
  over: 'Selesai',
  ended: 'Diakhiri',
};

export interface DelegationView {
  id: number;
  kind: DelegationKind;
  prefix: 'Plt.' | 'Plh.';
  principal: { id: number; name: string; position: string; opdName: string | null };
  /** Whether the actor may end it (the principal, the OPD's bagian umum, a superadmin) while not over. */
  endable: boolean;
  acting: { id: number; name: string; position: string; hasCertificate: boolean };
  startsAt: Date;
  endsAt: Date;
  reason: string;
  status: DelegationStatus;
}

const PAGE_SIZE = 20;

/**
 * Delegations the actor may see, newest first: every one for a superadmin, the OPD's for its bagian
 * umum, and otherwise those in which the actor is the principal or the acting official.
 */
export async function listDelegations(
  db: Knex,
  actor: Actor,
  query: { page?: number; current?: boolean; id?: number } = {},
  now = new Date(),
): Promise<{ items: DelegationView[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, query.page ?? 1);
  const base = db('delegations')
    .join('users as p', 'p.id', 'delegations.principal_id')
    .join('users as a', 'a.id', 'delegations.acting_id')
    .leftJoin('opd', 'opd.id', 'p.opd_id');
  if (!actor.roles.includes('superadmin')) {
    base.where((w) => {
      w.where('delegations.principal_id', actor.id).orWhere('delegations.acting_id', actor.id);
      if (actor.roles.includes('admin_opd') && actor.opdId !== null) w.orWhere('p.opd_id', actor.opdId);
    });
  }
  if (query.id !== undefined) base.where('delegations.id', query.id);
  if (query.current) base.whereNull('delegations.ended_at').where('delegations.ends_at', '>', now);
  const [{ n }] = await base.clone().count({ n: '*' });
  const rows = await base
    .clone()
    .orderBy('delegations.starts_at', 'desc')
    .orderBy('delegations.id', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .select(
      'delegations.*',
      'p.name as principal_name',
      'p.position as principal_position',
      'opd.name as opd_name',
      'p.opd_id as principal_opd_id',
      'a.name as acting_name',
      'a.position as acting_position',
      db.raw(
        `exists (select 1 from certificates c where c.user_id = delegations.acting_id and c.status = 'active' and c.not_after > ?) as acting_certified`,
        [now],
      ),
    );
  const items = rows.map((r): DelegationView => {
    const startsAt = toDate(r.starts_at)!;
    const endsAt = toDate(r.ends_at)!;
    const status: DelegationStatus =
      r.ended_at !== null ? 'ended' : endsAt <= now ? 'over' : startsAt > now ? 'upcoming' : 'in_force';
    const kind = r.kind as DelegationKind;
    return {
      id: Number(r.id),
      kind,
      prefix: DELEGATION_PREFIX[kind],
      principal: {
        id: Number(r.principal_id),
        name: r.principal_name,
        position: r.principal_position,
        opdName: r.opd_name ?? null,
      },
      acting: {
        id: Number(r.acting_id),
        name: r.acting_name,
        position: r.acting_position,
        hasCertificate: Boolean(Number(r.acting_certified)),
      },
      endable:
        (status === 'in_force' || status === 'upcoming') &&
        mayDelegateFor(actor, {
          id: Number(r.principal_id),
          opdId: r.principal_opd_id === null ? null : Number(r.principal_opd_id),
        }),
      startsAt,
      endsAt,
      reason: r.reason,
      status,
    };
  });
  return { items, total: Number(n), page, pageSize: PAGE_SIZE };
}
