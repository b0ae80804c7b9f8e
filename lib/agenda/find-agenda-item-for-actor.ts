import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { NotFoundError } from '../errors';
import type { Actor } from '../rbac/policy';
import { agendaItemOf } from './agenda-item-of';
import { loadAgendaViewer } from './load-agenda-viewer';
import { mayManageAgendaItem } from './may-manage-agenda-item';
import { restrictAgendaToViewer } from './restrict-agenda-to-viewer';

/**
 * One item with everything its page shows (participants, output files, the linked letter, who marked
 * it done, why it was cancelled) if the actor may see it; anyone else gets the same 404 as for an item
 * that does not exist. `canManage`: the actor may edit, cancel or mark it done.
 */
export async function findAgendaItemForActor(db: Knex, actor: Actor, itemId: number) {
  const viewer = await loadAgendaViewer(db, actor);
  const query = db('agenda_items as a')
    .join('users as r', 'r.id', 'a.responsible_id')
    .join('opd as o', 'o.id', 'a.opd_id')
    .where('a.id', itemId);
  const row = await restrictAgendaToViewer(db, query, viewer).first(
    'a.*',
    'r.name as responsible_name',
    'r.position as responsible_position',
    'o.name as opd_name',
  );
  if (!row) throw new NotFoundError('Kegiatan tidak ditemukan.');
  const item = agendaItemOf(row);
  const participants = await db('agenda_participants as p')
    .join('users as u', 'u.id', 'p.user_id')
    .where('p.agenda_item_id', itemId)
    .orderBy('u.name')
    .select('u.id', 'u.name', 'u.position');
  const files = await db('agenda_output_files as f')
    .join('files as s', 's.id', 'f.file_id')
    .where('f.agenda_item_id', itemId)
    .orderBy('f.id')
    .select('f.file_id', 'f.name', 's.size', 's.mime');
  const person = async (id: number | null) =>
    id === null ? null : ((await db('users').where({ id }).first('id', 'name')) ?? null);
  const letter =
    item.letterId === null
      ? null
      : await db('letters').where({ id: item.letterId }).first('id', 'number', 'subject');
  const incoming =
    item.incomingLetterId === null
      ? null
      : await db('incoming_letters')
          .where({ id: item.incomingLetterId })
          .first('id', 'number', 'agenda_number', 'subject');
  const cancellation =
    item.status === 'cancelled'
      ? await db('audit_log')
          .where({ action: 'agenda.cancel', entity_type: 'agenda_item', entity_id: String(itemId) })
          .orderBy('id', 'desc')
          .first('data', 'occurred_at', 'actor_id')
      : null;
  return {
    item,
    opdName: String(row.opd_name),
    responsiblePosition: String(row.responsible_position ?? ''),
    participants: participants.map((p) => ({ id: Number(p.id), name: p.name, position: p.position ?? '' })),
    files: files.map((f) => ({
      fileId: Number(f.file_id),
      name: f.name,
      size: Number(f.size),
      mime: f.mime,
    })),
    letter: letter ? { id: Number(letter.id), number: letter.number ?? null, subject: letter.subject } : null,
    incoming: incoming
      ? {
          id: Number(incoming.id),
          number: incoming.number,
          agendaNumber: incoming.agenda_number ?? null,
          subject: incoming.subject,
        }
      : null,
    doneBy: await person(item.doneBy),
    createdBy: await person(item.createdBy),
    cancellation: cancellation
      ? {
          reason: String((JSON.parse(cancellation.data) as { reason?: string }).reason ?? ''),
          at: toDate(cancellation.occurred_at),
          by: await person(cancellation.actor_id === null ? null : Number(cancellation.actor_id)),
        }
      : null,
    canManage: mayManageAgendaItem(viewer, { ...item, responsibleId: item.responsible.id }),
    viewer,
  };
}
