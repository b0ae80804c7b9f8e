import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Knex } from 'knex';
import { incomingWorkflowId } from '../workflows/incoming-letter-types';
import { letterWorkflowId } from '../workflows/outgoing-letter-types';

const { EventType } = temporal.api.enums.v1;

/** What one letter asked of the Temporal server: its workflow's and its incoming letters' histories. */
export async function describeLetterHistory(client: Client, db: Knex, letterId: number): Promise<string> {
  const incomingIds = await db('incoming_letters').where({ letter_id: letterId }).pluck('id');
  const ids = [letterWorkflowId(letterId), ...incomingIds.map((id) => incomingWorkflowId(Number(id)))];
  const counts = new Map<string, number>();
  for (const id of ids) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      const name = EventType[event.eventType ?? 0].replace(/^EVENT_TYPE_/, '').toLowerCase();
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const of = (name: string) => counts.get(name) ?? 0;
  const events = [...counts.values()].reduce((a, b) => a + b, 0);
  return (
    `${ids.length} workflows, ${events} history events: ${of('workflow_task_completed')} workflow tasks, ` +
    `${of('activity_task_scheduled')} activities, ${of('marker_recorded')} markers (local activities, ` +
    `patches), ${of('timer_started')} timers, ${of('workflow_execution_update_accepted')} updates, ` +
    `${of('start_child_workflow_execution_initiated')} child starts`
  );
}
