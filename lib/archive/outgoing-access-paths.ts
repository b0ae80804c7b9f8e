import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';

/**
 * One way an actor may reach a letter. A person's own paths name the letters they reach as `ids`, a
 * subquery of one column `id`; the paths to a whole OPD or the regency are a condition (`where`) on the
 * search's table. `index`: when a path's ids are scattered over years, the narrow (id, date) index to
 * test them by (see fromUsingIndex).
 */
export type AccessPath = (
  | { ids: Knex.QueryBuilder; where?: undefined }
  | { where: (query: Knex.QueryBuilder) => void; ids?: undefined }
) & {
  index?: string;
  /**
   * For a path to every letter, the narrow (id, date, sort time, OPD) index that answers a word's
   * matches (named by their ids) without reading each letter: a superadmin's quarter search for a
   * common word read 13,700 letters from the table for their dates.
   */
  matchesIndex?: string;
  /** The OPDs all its letters belong to, if known: the search's word postings are narrowed to them. */
  opdIds?: number[];
};

/**
 * The letters (`letters as l`) findLetterForActor (api/letter-access.ts) lets the actor open, as
 * paths whose union is that set: a superadmin all; otherwise the ones they drafted, signed or hold a
 * step of, and for the bagian umum (admin_opd) every letter of their own OPD. A person's letters are
 * one path, a UNION of subqueries that each read their own index (joined by OR, MariaDB read every
 * letter in the date range and tested each); one path reads a common word's postings once. The
 * recipient OPD's admin sees a sent letter as its incoming copy, so that case is left to the incoming side.
 * `datedOnly`: the search narrows by a date range and not by OPD.
 */
export function outgoingAccessPaths(db: Knex, actor: Actor, datedOnly: boolean): AccessPath[] {
  // Every letter over a date range: MariaDB may estimate a scan of the whole table cheaper than the
  // number_date index, even for a quarter of three years' letters, and is several times slower for it.
  if (actor.roles.includes('superadmin'))
    return [
      {
        where: () => {},
        index: datedOnly ? 'letters_number_date_updated_at_index' : undefined,
        matchesIndex: 'letters_id_dates_opd_index',
      },
    ];
  const drafted = db('letters').where('drafter_id', actor.id).select('id');
  const signed = db('letters').where('signer_id', actor.id).select('id');
  const stepped = db('letter_steps').where('assignee_id', actor.id).select('letter_id as id');
  return [
    { ids: drafted.union([signed, stepped]), index: 'letters_id_dates_opd_index' },
    ...(actor.roles.includes('admin_opd') && actor.opdId !== null
      ? [{ where: (q: Knex.QueryBuilder) => q.where('l.opd_id', actor.opdId), opdIds: [actor.opdId] }]
      : []),
  ];
}
