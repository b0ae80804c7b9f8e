import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Config } from '../config';
import { refusalError } from './letter-workflow-client';
import { agendaItem, endAgendaUpdate, rescheduleAgendaUpdate } from '../../workflows/agenda-item';
import {
  AGENDA_REFUSAL,
  agendaWorkflowId,
  type AgendaItemState,
  type EndAgendaArgs,
  type RescheduleAgendaArgs,
} from '../../workflows/agenda-item-types';

/**
 * Starts `agenda-<id>` for a stored item with the reminder settings of the configuration. A second start
 * for the same item is not an error; one whose earlier workflow failed or was terminated starts afresh.
 */
export async function startAgendaWorkflow(
  client: Client,
  config: Config,
  item: { itemId: number; startsAt: Date; endsAt: Date },
): Promise<void> {
  try {
    await client.workflow.start(agendaItem, {
      workflowId: agendaWorkflowId(item.itemId),
      taskQueue: config.temporal.taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      args: [
        {
          itemId: item.itemId,
          startsAt: item.startsAt.toISOString(),
          endsAt: item.endsAt.toISOString(),
          leadMinutes: config.agenda.leadMinutes,
          overdueRepeatHours: config.agenda.overdueRepeatHours,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

const REFUSALS = new Set<string>(Object.values(AGENDA_REFUSAL));

/**
 * Runs an Update of the item's workflow and answers with its new state. The database is the record: a
 * workflow that is missing or already finished (the server answers "not found" for both) only means no
 * timers are left to move, so null. A refusal becomes a 409 with the workflow's Indonesian message.
 */
async function runAgendaUpdate<Arg>(
  client: Client,
  itemId: number,
  update: UpdateDefinition<AgendaItemState, [Arg]>,
  arg: Arg,
): Promise<AgendaItemState | null> {
  try {
    return await client.workflow.getHandle(agendaWorkflowId(itemId)).executeUpdate(update, { args: [arg] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw refusalError(err, REFUSALS) ?? err;
  }
}

/** Tells the workflow the item's new dates (already stored): its timers follow them at once. */
export function rescheduleAgendaWorkflow(
  client: Client,
  itemId: number,
  args: RescheduleAgendaArgs,
): Promise<AgendaItemState | null> {
  return runAgendaUpdate(client, itemId, rescheduleAgendaUpdate, args);
}

/** Tells the workflow the item is done or cancelled (already stored); its timers stop and it completes. */
export function endAgendaWorkflow(
  client: Client,
  itemId: number,
  args: EndAgendaArgs,
): Promise<AgendaItemState | null> {
  return runAgendaUpdate(client, itemId, endAgendaUpdate, args);
}
