import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { jakartaYear } from '../incoming/jakarta-year';
import type { Opd } from '../models/opd';
import { previewAgendaPattern, type AgendaPatternPreview } from './preview-agenda-pattern';
import { previewNumberPatterns, type NumberPatternsPreview } from './preview-number-patterns';

const LATEST_AGENDA_ENTRIES = 10;

export interface OpdPerson {
  id: number;
  name: string;
  position: string;
  nip: string | null;
}

export interface OpdDetail {
  id: number;
  code: string;
  name: string;
  shortName: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  active: boolean;
  logo: { fileId: number; mime: string; size: number } | null;
  head: OpdPerson | null;
  /** Its active people: whom the head may be chosen from. */
  people: OpdPerson[];
  numbering: NumberPatternsPreview;
  agenda: AgendaPatternPreview & {
    latest: { id: number; agendaNumber: string; receivedAt: Date | null; sender: string; subject: string }[];
  };
}

const person = (r: Record<string, unknown>): OpdPerson => ({
  id: Number(r.id),
  name: String(r.name),
  position: String(r.position ?? ''),
  nip: (r.nip as string | null) ?? null,
});

/** Everything the OPD's administration shows: kop data, logo, head, numbering and the agenda register. */
export async function loadOpdDetail(db: Knex, opd: Opd): Promise<OpdDetail> {
  const year = jakartaYear(new Date());
  const [logo, head, people, own, latest] = await Promise.all([
    opd.logoFileId === null ? null : db('files').where({ id: opd.logoFileId }).first('id', 'mime', 'size'),
    opd.headUserId === null
      ? null
      : db('users').where({ id: opd.headUserId }).first('id', 'name', 'position', 'nip'),
    db('users')
      .where({ opd_id: opd.id, active: true })
      .orderBy('name')
      .select('id', 'name', 'position', 'nip'),
    db('opd_number_patterns').where({ opd_id: opd.id }).select('kind', 'pattern'),
    db('incoming_letters')
      .where({ opd_id: opd.id })
      .whereNotNull('agenda_number')
      .orderBy('agenda_year', 'desc')
      .orderBy('agenda_seq', 'desc')
      .limit(LATEST_AGENDA_ENTRIES)
      .select('id', 'agenda_number', 'received_at', 'sender_name', 'subject'),
  ]);
  const ref = { id: opd.id, code: opd.code };
  return {
    id: opd.id,
    code: opd.code,
    name: opd.name,
    shortName: opd.shortName,
    address: opd.address,
    phone: opd.phone,
    email: opd.email,
    website: opd.website,
    active: opd.active,
    logo: logo ? { fileId: Number(logo.id), mime: String(logo.mime), size: Number(logo.size) } : null,
    head: head ? person(head) : null,
    people: people.map(person),
    numbering: await previewNumberPatterns(
      db,
      ref,
      { default: opd.numberPattern, byKind: Object.fromEntries(own.map((r) => [r.kind, r.pattern])) },
      year,
    ),
    agenda: {
      ...(await previewAgendaPattern(db, ref, opd.agendaPattern, year)),
      latest: latest.map((r) => ({
        id: Number(r.id),
        agendaNumber: String(r.agenda_number),
        receivedAt: toDate(r.received_at),
        sender: String(r.sender_name),
        subject: String(r.subject),
      })),
    },
  };
}
