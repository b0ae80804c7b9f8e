import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { ForbiddenError } from '../errors';
import { loadOpdLetterhead, type OpdLetterhead } from '../opd/load-opd-letterhead';
import type { FileStore } from '../storage/file-store';
import type { AgendaStatus } from '../../workflows/agenda-item-types';
import type { AgendaKind } from './create-agenda-item';
import type { AgendaViewer } from './load-agenda-viewer';

export interface AgendaWeekItem {
  id: number;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  kind: AgendaKind;
  status: AgendaStatus;
  targetOutput: string;
  responsible: { name: string; position: string };
}

export interface AgendaWeek extends OpdLetterhead {
  /** The division printed; '' for every division of the OPD. */
  unit: string;
  week: string;
  /** Monday 00:00 WIB. */
  start: Date;
  /** Every item that overlaps the week, by start. */
  items: AgendaWeekItem[];
}

const WEEK_MS = 7 * 86_400_000;

/**
 * A division's items of one week, with the OPD's kop. Anyone prints their own division (the default);
 * the OPD's head and admin_opd any division of their OPD, or all of them (unit ''); a superadmin any
 * OPD. Anything else is refused.
 */
export async function loadAgendaWeek(
  deps: { db: Knex; files: FileStore },
  viewer: AgendaViewer,
  request: { opdId?: number; unit?: string; week: string; start: Date },
): Promise<AgendaWeek> {
  const { db } = deps;
  const { actor } = viewer;
  if (request.opdId !== undefined && request.opdId !== actor.opdId && !viewer.isSuperadmin) {
    throw new ForbiddenError('Anda hanya dapat mencetak agenda perangkat daerah Anda sendiri.');
  }
  const opdId = request.opdId ?? actor.opdId;
  if (opdId === null) throw new ForbiddenError('Akun Anda belum terdaftar pada OPD mana pun.');
  const unit = request.unit ?? viewer.unit;
  const wide = viewer.isSuperadmin || viewer.opdWide.includes(opdId);
  if (!wide && (unit === '' || unit !== viewer.unit || opdId !== actor.opdId)) {
    throw new ForbiddenError('Anda hanya dapat mencetak agenda bidang Anda sendiri.');
  }
  const end = new Date(request.start.getTime() + WEEK_MS);
  const query = db('agenda_items as a')
    .join('users as u', 'u.id', 'a.responsible_id')
    .where('a.opd_id', opdId)
    .where('a.starts_at', '<', end)
    // Overlaps the week; a deadline (no duration) counts on the instant it falls.
    .where((w) => w.where('a.ends_at', '>', request.start).orWhere('a.starts_at', '>=', request.start))
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .select(
      'a.id',
      'a.title',
      'a.place',
      'a.starts_at',
      'a.ends_at',
      'a.kind',
      'a.status',
      'a.target_output',
      'u.name',
      'u.position',
    );
  if (unit !== '') query.where('a.unit', unit);
  const [letterhead, rows] = await Promise.all([loadOpdLetterhead(db, deps.files, opdId), query]);
  return {
    ...letterhead,
    unit,
    week: request.week,
    start: request.start,
    items: rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      place: r.place,
      startsAt: toDate(r.starts_at)!,
      endsAt: toDate(r.ends_at)!,
      kind: r.kind,
      status: r.status,
      targetOutput: r.target_output,
      responsible: { name: r.name, position: r.position },
    })),
  };
}
