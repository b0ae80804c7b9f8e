import type { Knex } from 'knex';
import type { ArchiveKind } from '../archive/archive-input';
import { fieldStrings } from './searchable-text';
import { searchWords } from './search-words';

export interface SearchDocument {
  /** The letter's OPD: the sender of an outgoing letter, the receiver of an incoming one. */
  opdId: number;
  /** The date the archive's date filter reads: an outgoing letter's numbering date, an incoming one's own. */
  date: string | null;
  words: string[];
}

/**
 * What the archive search matches in each of these letters: an outgoing letter's subject, number, the
 * text of its current version and its recipient OPDs' names; an incoming letter's subject, number,
 * sender and agenda number. A letter that does not exist is left out.
 */
export async function loadSearchDocuments(
  db: Knex,
  kind: ArchiveKind,
  ids: number[],
): Promise<Map<number, SearchDocument>> {
  const docs = new Map<number, SearchDocument>();
  if (kind === 'keluar') {
    const rows = await db('letters as l')
      .leftJoin('letter_versions as v', 'v.id', 'l.current_version_id')
      .whereIn('l.id', ids)
      .select('l.id', 'l.opd_id', 'l.subject', 'l.number', 'l.number_date', 'v.fields');
    const recipients = new Map<number, string[]>();
    for (const r of await db('letter_recipients as r')
      .join('opd as o', 'o.id', 'r.opd_id')
      .whereIn('r.letter_id', ids)
      .select('r.letter_id', 'o.name', 'o.short_name')) {
      const id = Number(r.letter_id);
      recipients.set(id, [...(recipients.get(id) ?? []), r.name, r.short_name ?? '']);
    }
    for (const r of rows) {
      const id = Number(r.id);
      const text = [r.subject, r.number ?? '', ...fieldStrings(r.fields), ...(recipients.get(id) ?? [])];
      docs.set(id, {
        opdId: Number(r.opd_id),
        date: r.number_date ?? null,
        words: searchWords(text.join(' ')),
      });
    }
    return docs;
  }
  const rows = await db('incoming_letters')
    .whereIn('id', ids)
    .select('id', 'opd_id', 'subject', 'number', 'sender_name', 'agenda_number', 'letter_date');
  for (const r of rows)
    docs.set(Number(r.id), {
      opdId: Number(r.opd_id),
      date: r.letter_date ?? null,
      words: searchWords([r.subject, r.number, r.sender_name, r.agenda_number ?? ''].join(' ')),
    });
  return docs;
}
