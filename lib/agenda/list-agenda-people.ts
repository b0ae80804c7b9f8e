import type { Knex } from 'knex';

/** The active people of an OPD, by name: whom an activity may name as responsible or participant. */
export async function listAgendaPeople(db: Knex, opdId: number) {
  const rows = await db('users')
    .where({ opd_id: opdId, active: true })
    .orderBy('name')
    .select('id', 'name', 'position', 'unit');
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    position: r.position ?? '',
    unit: r.unit ?? '',
  }));
}
