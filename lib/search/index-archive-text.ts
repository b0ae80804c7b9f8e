import type { Knex } from 'knex';
import type { ArchiveKind } from '../archive/archive-input';
import { loadSearchDocuments } from './load-search-documents';
import { INSERT_CHUNK, insertChunked, termIds } from './term-ids';

/**
 * Makes the archive search's postings of these letters match what they say now. Called in the
 * transaction that changes a letter's searched text or date, so the search never sees one without the
 * other; ids are taken in batches, so a backfill can pass many.
 */
export async function indexArchiveText(db: Knex, kind: ArchiveKind, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    const batch = ids.slice(i, i + INSERT_CHUNK);
    const docs = await loadSearchDocuments(db, kind, batch);
    // Deleting the postings of a letter that has none would lock the gap where a new letter's go
    // (MariaDB, repeatable read), and letters drafted at the same moment would deadlock on it.
    const indexed = (
      await db('search_postings').where({ kind }).whereIn('doc_id', batch).distinct('doc_id')
    ).map((r) => Number(r.doc_id));
    if (indexed.length) await db('search_postings').where({ kind }).whereIn('doc_id', indexed).delete();
    const termIdOf = await termIds(db, [...new Set([...docs.values()].flatMap((d) => d.words))]);
    const rows = [...docs].flatMap(([docId, doc]) =>
      doc.words.map((w) => ({
        term_id: termIdOf.get(w),
        kind,
        doc_id: docId,
        opd_id: doc.opdId,
        doc_date: doc.date,
      })),
    );
    await insertChunked(db, 'search_postings', rows);
  }
}
