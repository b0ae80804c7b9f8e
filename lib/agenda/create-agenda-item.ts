import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { appendAudit } from '../audit/append-audit';
import { toDate } from '../db/to-date';
import { isUniqueViolation } from '../letters/is-unique-violation';
import { startAgendaWorkflow } from '../temporal/agenda-workflow-client';
import { checkAgendaItem, type AgendaItemFields } from './check-agenda-item';

export type AgendaKind = 'event' | 'deadline';
export type AgendaSource = 'manual' | 'invitation' | 'assignment' | 'disposition';

/** An item's own fields (checked by checkAgendaItem) and where it came from. */
export interface NewAgendaItem extends AgendaItemFields {
  source: AgendaSource;
  /** Set for items made from a letter: the same key never makes a second item. */
  sourceKey?: string;
  letterId?: number;
  incomingLetterId?: number;
  dispositionId?: number;
  createdBy: number | null;
}

export interface AgendaDeps {
  db: Knex;
  config: Config;
  temporalClient: () => Promise<Client>;
}

async function existing(db: Knex, sourceKey: string | undefined): Promise<{ id: number } | null> {
  return sourceKey ? ((await db('agenda_items').where({ source_key: sourceKey }).first('id')) ?? null) : null;
}

/**
 * Stores an agenda item with its participants and the audit row in one transaction (an item with the
 * same sourceKey is returned as it is), then starts its reminder workflow `agenda-<id>`. The start is
 * repeated for an existing planned item: it is idempotent, so a retried caller heals a start that
 * failed after the row was written.
 */
export async function createAgendaItem(
  deps: AgendaDeps,
  item: NewAgendaItem,
): Promise<{ id: number; created: boolean }> {
  const { db } = deps;
  let id: number;
  let created = false;
  const found = await existing(db, item.sourceKey);
  if (found) id = Number(found.id);
  else {
    const checked = await checkAgendaItem(db, item);
    try {
      id = await db.transaction(async (trx) => {
        const now = new Date();
        const [newId] = await trx('agenda_items').insert({
          opd_id: item.opdId,
          unit: checked.unit,
          title: checked.title,
          place: checked.place,
          starts_at: item.startsAt,
          ends_at: item.endsAt,
          target_output: checked.targetOutput,
          responsible_id: item.responsibleId,
          kind: item.kind,
          source: item.source,
          source_key: item.sourceKey ?? null,
          letter_id: item.letterId ?? null,
          incoming_letter_id: item.incomingLetterId ?? null,
          disposition_id: item.dispositionId ?? null,
          status: 'planned',
          created_by: item.createdBy,
          created_at: now,
          updated_at: now,
        });
        const itemId = Number(newId);
        if (checked.participantIds.length)
          await trx('agenda_participants').insert(
            checked.participantIds.map((userId) => ({ agenda_item_id: itemId, user_id: userId })),
          );
        await appendAudit(trx, {
          actorId: item.createdBy,
          opdId: item.opdId,
          action: 'agenda.create',
          entityType: 'agenda_item',
          entityId: itemId,
          data: {
            title: checked.title,
            unit: checked.unit,
            startsAt: item.startsAt.toISOString(),
            endsAt: item.endsAt.toISOString(),
            responsibleId: item.responsibleId,
            participantIds: checked.participantIds,
            source: item.source,
            ...(item.sourceKey ? { sourceKey: item.sourceKey } : {}),
          },
        });
        return itemId;
      });
      created = true;
    } catch (err) {
      // Two callers made the same item at once: the other one's row is the item.
      const raced = isUniqueViolation(err) ? await existing(db, item.sourceKey) : null;
      if (!raced) throw err;
      id = Number(raced.id);
    }
  }
  const row = await db('agenda_items').where({ id }).first('status', 'starts_at', 'ends_at');
  if (row.status === 'planned')
    await startAgendaWorkflow(await deps.temporalClient(), deps.config, {
      itemId: id,
      startsAt: toDate(row.starts_at)!,
      endsAt: toDate(row.ends_at)!,
    });
  return { id, created };
}
