import type { Knex } from 'knex';
import { User } from '../models/user';
import { scopeToOpd, type Actor } from '../rbac/policy';
import type { Role } from '../rbac/roles';

export interface ListUsersQuery {
  role?: Role;
  opd?: number;
  q?: string;
  page: number;
  pageSize: number;
}

/** A page of people, limited to the OPDs the actor may see. */
export async function listUsers(db: Knex, actor: Actor, query: ListUsersQuery) {
  const opdId = scopeToOpd(actor, query.opd);
  const q = User.query(db).where('active', true);
  if (opdId !== null) q.where('opd_id', opdId);
  if (query.role) q.whereExists(User.relatedQuery('roles').where('role', query.role));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    q.where((w) =>
      w.where('name', 'like', like).orWhere('nip', 'like', like).orWhere('username', 'like', like),
    );
  }
  const { results, total } = await q
    .withGraphFetched('[roles, opd]')
    .orderBy('name')
    .page(query.page - 1, query.pageSize);
  return { items: results.map((u) => u.toPublic()), page: query.page, pageSize: query.pageSize, total };
}
