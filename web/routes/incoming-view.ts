import type { Knex } from 'knex';
import { formatIndonesianDate } from '../../lib/documents/format-indonesian-date';
import { INSTRUCTIONS } from '../../lib/incoming/instructions';
import { listDispositionReceivers } from '../../lib/incoming/list-disposition-receivers';
import { loadDispositionTree, type DispositionNode } from '../../lib/incoming/load-disposition-tree';
import { loadIncomingDetail } from '../../lib/incoming/load-incoming-detail';
import { INCOMING_STATUS, sifatLabel, urgencyLabel } from '../../lib/incoming/incoming-labels';
import { peopleActedFor } from '../../lib/delegation/people-acted-for';
import type { Actor } from '../../lib/rbac/policy';
import { OPEN_DISPOSITION, type DispositionStatus } from '../../workflows/incoming-letter-types';

export const DISPOSITION_STATUS: Record<DispositionStatus, { label: string; tone: string }> = {
  unread: { label: 'Belum dibaca', tone: 'warning' },
  read: { label: 'Dibaca', tone: 'info' },
  forwarded: { label: 'Diteruskan', tone: 'primary' },
  done: { label: 'Selesai', tone: 'success' },
  recalled: { label: 'Ditarik', tone: 'secondary' },
  closed: { label: 'Ditutup', tone: 'dark' },
};

/** Today's date in WIB, yyyy-mm-dd. */
export const todayWib = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(now);

/** The agenda data of an incoming letter as its pages and the lembar disposisi print it. */
export async function incomingSummary(db: Knex, incomingId: number) {
  const d = await loadIncomingDetail(db, incomingId);
  const status = INCOMING_STATUS[d.status] ?? INCOMING_STATUS.received;
  const documentHref = d.scan
    ? `/surat-masuk/${d.id}/scan`
    : d.letterId
      ? `/surat-masuk/${d.id}/naskah`
      : null;
  return {
    id: d.id,
    opdId: d.opdId,
    headUserId: d.headUserId,
    status: d.status,
    statusLabel: status.label,
    statusTone: status.tone,
    sourceLabel: d.source === 'paper' ? 'Surat kertas' : 'Dikirim lewat e-Office',
    agendaNumber: d.agendaNumber,
    receivedAt: d.receivedAt,
    sender: d.senderName,
    number: d.number,
    letterDateIso: d.letterDate,
    letterDate: d.letterDate ? formatIndonesianDate(d.letterDate) : '—',
    subject: d.subject,
    sifat: sifatLabel(d.sifat),
    urgency: urgencyLabel(d.urgency),
    classification: d.classification,
    closedAt: d.closedAt,
    closeNote: d.closeNote,
    documentHref,
    documentLabel: d.scan ? 'Lihat pindaian surat' : 'Lihat surat (PDF bertanda tangan)',
  };
}

export type IncomingSummary = Awaited<ReturnType<typeof incomingSummary>>;

/** A tree node as the page shows it: labels, and whether the viewer (its giver) may still recall it. */
function viewNode(node: DispositionNode, actorId: number): Record<string, unknown> {
  const status = DISPOSITION_STATUS[node.status] ?? DISPOSITION_STATUS.unread;
  return {
    ...node,
    fromName: node.from.name,
    toName: node.to.name,
    toPosition: node.to.position,
    statusLabel: status.label,
    statusTone: status.tone,
    recallable: node.status === 'unread' && node.from.id === actorId,
    children: node.children.map((c) => viewNode(c, actorId)),
  };
}

/** The dispositions still waiting for these people (the viewer, and whom they stand in for), in tree order. */
function openFor(nodes: DispositionNode[], userIds: number[]): DispositionNode[] {
  return nodes.flatMap((n) => [
    ...(userIds.includes(n.to.id) && OPEN_DISPOSITION.includes(n.status) ? [n] : []),
    ...openFor(n.children, userIds),
  ]);
}

/** Who the viewer is to this letter, and so which actions the page offers them. */
export async function incomingView(db: Knex, actor: Actor, incomingId: number) {
  const [incoming, tree] = await Promise.all([
    incomingSummary(db, incomingId),
    loadDispositionTree(db, incomingId),
  ]);
  const open = incoming.status !== 'closed';
  const isAdmin = actor.roles.includes('admin_opd') && actor.opdId === incoming.opdId;
  const register = open && isAdmin && incoming.status === 'received';
  const dispose = open && isAdmin && incoming.status !== 'received';
  // A Plt / Plh acts on the dispositions of the official they stand in for, and closes as the head.
  const people = await peopleActedFor(db, actor.id);
  const close = open && incoming.headUserId !== null && people.includes(incoming.headUserId);
  const mine = (open ? openFor(tree, people) : []).map((d) => ({
    id: d.id,
    status: d.status,
    fromName: d.from.name,
    instruction: d.instruction,
    note: d.note,
    dueAt: d.dueAt,
    // A forwarded one is reported on by the receivers of the forwards; it finishes when they all are.
    canReport: d.status !== 'forwarded',
    canFinish: d.status !== 'forwarded' || d.children.every((c) => !OPEN_DISPOSITION.includes(c.status)),
  }));
  const receivers = dispose || mine.length > 0 ? await listDispositionReceivers(db, actor) : [];
  return {
    incoming,
    tree: tree.map((n) => viewNode(n, actor.id)),
    receivers,
    instructions: INSTRUCTIONS,
    today: todayWib(),
    isAdmin,
    // The same people findWorkflowForActor lets read the workflow's history.
    canSeeWorkflow: isAdmin || actor.roles.includes('superadmin'),
    actions: { any: register || dispose || close || mine.length > 0, register, dispose, close, mine },
  };
}

/** The letter pages' script that keeps a slow form (a workflow update, an upload) from being sent twice. */
export const BUSY_FORMS = ['/static/js/letter-detail.js'];
