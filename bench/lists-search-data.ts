/**
 * The archive search's postings of the list benchmark's data set, made inside MariaDB like the rest of
 * it (lists-data.ts): each letter's words split by SQL exactly as searchWords splits this data set's
 * ASCII text, which checkSearchPostings then confirms on a sample against the indexer's own reading.
 */
import type { Knex } from 'knex';
import type { Connection } from 'mysql2/promise';
import { loadSearchDocuments } from '../lib/search/load-search-documents';
import { MAX_TERM_LENGTH } from '../lib/search/search-words';
import { chunked } from './lists-data';

/** JSON_TABLE holds a chunk's words in memory: smaller chunks than the other tables'. */
const CHUNK = 50_000;

/** The rows (`d`: id, opd_id, doc_date, text) of one kind of letter over ids {a}..{b}, as a derived table. */
const DOCUMENTS = {
  keluar: `
    SELECT l.id, l.opd_id, l.number_date AS doc_date,
      concat_ws(' ', l.subject, l.number, json_value(v.fields, '$.isi'),
        (SELECT group_concat(concat_ws(' ', o.name, o.short_name) SEPARATOR ' ')
         FROM letter_recipients r JOIN opd o ON o.id = r.opd_id WHERE r.letter_id = l.id)) AS text
    FROM letters l JOIN letter_versions v ON v.id = l.current_version_id
    WHERE l.id BETWEEN {a} AND {b}`,
  masuk: `
    SELECT i.id, i.opd_id, i.letter_date AS doc_date,
      concat_ws(' ', i.subject, i.number, i.sender_name, i.agenda_number) AS text
    FROM incoming_letters i WHERE i.id BETWEEN {a} AND {b}`,
};

/** Each word of `d.text` as `w.word`, joined to the documents. */
const WORDS = `JSON_TABLE(
  concat('["', replace(trim(regexp_replace(lower(d.text), '[^a-z0-9]+', ' ')), ' ', '","'), '"]'),
  '$[*]' COLUMNS (word VARCHAR(${MAX_TERM_LENGTH}) PATH '$')) w`;

export async function generateSearchPostings(conn: Connection): Promise<void> {
  for (const [kind, table] of [
    ['keluar', 'letters'],
    ['masuk', 'incoming_letters'],
  ] as const) {
    const [[{ last }]] = (await conn.query(`SELECT max(id) AS last FROM ${table}`)) as unknown as [
      { last: number }[],
    ];
    await chunked(
      conn,
      last,
      `INSERT IGNORE INTO search_terms (term)
       SELECT DISTINCT w.word FROM (${DOCUMENTS[kind]}) d, ${WORDS} WHERE w.word <> ''`,
      CHUNK,
    );
    await chunked(
      conn,
      last,
      `INSERT INTO search_postings (term_id, kind, doc_id, opd_id, doc_date)
       SELECT DISTINCT t.id, '${kind}', d.id, d.opd_id, d.doc_date FROM (${DOCUMENTS[kind]}) d, ${WORDS}
       JOIN search_terms t ON t.term = CONVERT(w.word USING ascii) COLLATE ascii_bin`,
      CHUNK,
    );
  }
  await conn.query(
    `INSERT INTO search_term_suffixes (suffix, term_id)
     SELECT substring(t.term, s.seq), t.id
     FROM search_terms t JOIN seq_1_to_${MAX_TERM_LENGTH} s ON s.seq <= char_length(t.term)`,
  );
  await conn.query('ANALYZE TABLE search_terms, search_term_suffixes, search_postings');
}

/** Throws unless the postings of every 25,000th letter of each kind are what the indexer would write. */
export async function checkSearchPostings(db: Knex): Promise<void> {
  for (const [kind, table] of [
    ['keluar', 'letters'],
    ['masuk', 'incoming_letters'],
  ] as const) {
    const ids = (await db(table).whereRaw('id % 25000 = 1').pluck('id')).map(Number);
    const expected = await loadSearchDocuments(db, kind, ids);
    for (const id of ids) {
      const rows = await db('search_postings as p')
        .join('search_terms as t', 't.id', 'p.term_id')
        .where({ 'p.kind': kind, 'p.doc_id': id })
        .select('t.term', 'p.opd_id', 'p.doc_date');
      const doc = expected.get(id)!;
      const got = rows.map((r) => String(r.term)).sort();
      const places = new Set(rows.map((r) => `${r.opd_id} ${r.doc_date}`));
      const place = `${doc.opdId} ${doc.date}`;
      if (got.join(' ') !== [...doc.words].sort().join(' ') || places.size !== 1 || !places.has(place))
        throw new Error(
          `search postings of ${kind} ${id}: ${got.join(' ')} (${[...places]}), want ${doc.words}`,
        );
    }
  }
}
