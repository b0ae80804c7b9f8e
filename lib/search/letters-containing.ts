import type { Knex } from 'knex';
import type { ArchiveKind } from '../archive/archive-input';

/**
 * Beyond this many terms a word's terms stay a subquery: a list that long gains nothing (the word is
 * a digit or two, found nearly everywhere) and would only lengthen the statement.
 */
const LISTED_TERMS = 500;

/** A searched word and the ids of the terms containing it, or null when there are too many to list. */
export interface WordTerms {
  word: string;
  termIds: number[] | null;
}

/**
 * The terms a word (one of searchWords' words) finds. A number finds itself only: "27" is the 27 of
 * "000.1/27/2026", not 127 or 2027. Any other word finds every term it is part of, read from their
 * suffixes: '{' sorts after every letter and digit in a binary collation, so the range holds exactly
 * the suffixes starting with the word.
 */
const termsWith = (db: Knex, word: string) =>
  /^[0-9]+$/.test(word)
    ? db('search_terms').where('term', word).select('id as term_id')
    : db('search_term_suffixes')
        .where('suffix', '>=', word)
        .where('suffix', '<', `${word}{`)
        .select('term_id');

/**
 * A word's terms as a list: the database then sees which terms it will read and can weigh a common
 * word's long postings against the reader's few letters, where a subquery leaves it the average term's.
 */
export async function termsContaining(db: Knex, word: string): Promise<WordTerms> {
  const ids = (await termsWith(db, word).limit(LISTED_TERMS + 1)).map((r) => Number(r.term_id));
  return { word, termIds: ids.length > LISTED_TERMS ? null : ids };
}

/** The ids of the letters of `kind` holding one of the word's terms, within OPDs and dates if given. */
export function lettersContaining(
  db: Knex,
  kind: ArchiveKind,
  { word, termIds }: WordTerms,
  within: { opdIds?: number[]; from?: string; to?: string },
): Knex.QueryBuilder {
  const query = db('search_postings as p')
    .where('p.kind', kind)
    .whereIn('p.term_id', termIds ?? termsWith(db, word));
  if (within.opdIds) query.whereIn('p.opd_id', within.opdIds);
  if (within.from) query.where('p.doc_date', '>=', within.from);
  if (within.to) query.where('p.doc_date', '<=', within.to);
  return query.select('p.doc_id');
}
