import type { Knex } from 'knex';
import { User } from '../models/user';
import { scopeToOpd, type Actor } from '../rbac/policy';
import type { UserListQuery } from './user-admin-schemas';

const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;

/**
 * A page of accounts for the administrator: every OPD for a superadmin, their own for an admin_opd;
 * searched by name, NIP, username or position, filtered by OPD, role, status and source.
 */
export async function listManagedUsers(db: Knex, actor: Actor, query: UserListQuery) {
  const opdId = scopeToOpd(actor, query.opd);
  const q = User.query(db);
  if (opdId !== null) q.where('opd_id', opdId);
  if (query.role) q.whereExists(User.relatedQuery('roles').where('role', query.role));
  if (query.status) q.where('active', query.status === 'aktif');
  if (query.source) q.where('source', query.source);
  if (query.q) {
    const like = likePattern(query.q);
    q.where((w) =>
      ['name', 'nip', 'username', 'position'].reduce(
        (acc, column) => acc.orWhereRaw(`?? like ? escape '!'`, [`users.${column}`, like]),
        w,
      ),
    );
  }
  const { results, total } = await q
    .withGraphFetched('[roles, opd]')
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .page(query.page - 1, query.pageSize);
  return {
    items: results.map((u) => u.toAdminView()),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
