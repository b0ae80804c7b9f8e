import type { Knex } from 'knex';

export interface OpdListItem {
  id: number;
  code: string;
  name: string;
  shortName: string;
  active: boolean;
  head: string | null;
  hasLogo: boolean;
}

const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;

/** One page of the regency's OPDs by name (inactive ones too), searched in code, name and short name. */
export async function listOpds(
  db: Knex,
  query: { q?: string; page: number; pageSize: number },
): Promise<{ items: OpdListItem[]; total: number; page: number; pageSize: number }> {
  const base = db('opd as o');
  if (query.q) {
    const like = likePattern(query.q);
    base.where((w) =>
      w
        .whereRaw("o.code like ? escape '!'", [like])
        .orWhereRaw("o.name like ? escape '!'", [like])
        .orWhereRaw("o.short_name like ? escape '!'", [like]),
    );
  }
  const [{ total }] = await base.clone().count({ total: '*' });
  const rows = await base
    .leftJoin('users as h', 'h.id', 'o.head_user_id')
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('o.id', 'o.code', 'o.name', 'o.short_name', 'o.active', 'o.logo_file_id', 'h.name as head_name');
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      shortName: r.short_name,
      active: Boolean(r.active),
      head: r.head_name ?? null,
      hasLogo: r.logo_file_id !== null,
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
