import type { Knex } from 'knex';
import { loadOpdLetterhead } from '../../lib/opd/load-opd-letterhead';
import type { FileStore } from '../../lib/storage/file-store';
import type {
  DispositionSheetData,
  DispositionSheetEntry,
} from '../../lib/incoming/render-disposition-sheet';
import { loadDispositionTree, type DispositionNode } from '../../lib/incoming/load-disposition-tree';
import { DISPOSITION_STATUS, type IncomingSummary } from './incoming-view';

function flatten(nodes: DispositionNode[], depth: number, out: DispositionSheetEntry[]) {
  for (const n of nodes) {
    out.push({
      depth,
      from: n.from.name,
      to: n.to.position ? `${n.to.name} (${n.to.position})` : n.to.name,
      instruction: n.instruction,
      note: n.note,
      dueAt: n.dueAt,
      createdAt: n.createdAt,
      status: (DISPOSITION_STATUS[n.status] ?? DISPOSITION_STATUS.unread).label,
      followUp: n.followUp?.report ?? null,
    });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** What the lembar disposisi prints: the OPD's kop, the agenda data, the tree flattened in order. */
export async function dispositionSheetData(
  db: Knex,
  files: FileStore,
  incoming: IncomingSummary,
): Promise<DispositionSheetData> {
  const [letterhead, tree] = await Promise.all([
    loadOpdLetterhead(db, files, incoming.opdId),
    loadDispositionTree(db, incoming.id),
  ]);
  return {
    ...letterhead,
    agenda: {
      agendaNumber: incoming.agendaNumber,
      receivedAt: incoming.receivedAt,
      sender: incoming.sender,
      number: incoming.number,
      letterDate: incoming.letterDateIso,
      subject: incoming.subject,
      sifat: incoming.sifat,
      urgency: incoming.urgency,
      classification: incoming.classification,
    },
    dispositions: flatten(tree, 0, []),
    printedAt: new Date(),
  };
}
