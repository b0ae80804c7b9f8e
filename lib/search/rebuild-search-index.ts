import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { reindexArchive } from './reindex-archive';

/**
 * The operator's rebuild of the archive search index (`eoffice reindex-search`), then its audit row.
 * The upgrade's backfill calls reindexArchive alone: a migration writes no audit row.
 */
export async function rebuildSearchIndex(
  db: Knex,
  options: { since?: Date } = {},
): Promise<{ keluar: number; masuk: number }> {
  const counts = await reindexArchive(db, options);
  await db.transaction((trx) =>
    appendAudit(trx, {
      actorId: null,
      action: 'search.reindex',
      entityType: 'system',
      data: { since: options.since?.toISOString() ?? null, ...counts },
    }),
  );
  return counts;
}
