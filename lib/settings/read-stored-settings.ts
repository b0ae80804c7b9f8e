import type { Knex } from 'knex';

/** Long enough to spare the database on every page, short enough that other processes follow a change. */
const MAX_AGE_MS = 2_000;
const cache = new WeakMap<Knex, { at: number; rows: ReadonlyMap<string, unknown> }>();

/**
 * What the superadmin changed: each stored setting's dotted key and its parsed value. Cached for a
 * moment per database; `fresh` reads anew (and refills the cache, e.g. right after a save).
 */
export async function readStoredSettings(
  db: Knex,
  options: { fresh?: boolean } = {},
): Promise<ReadonlyMap<string, unknown>> {
  const cached = cache.get(db);
  if (!options.fresh && cached && Date.now() - cached.at < MAX_AGE_MS) return cached.rows;
  const rows: { key: string; value: string }[] = await db('system_settings').select('key', 'value');
  const parsed = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  cache.set(db, { at: Date.now(), rows: parsed });
  return parsed;
}
