import {
  WorkflowIdReusePolicy,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { Knex } from 'knex';
import { wibDateOf } from '../archive/wib-date-of';
import type { Config } from '../config';
import { AppError } from '../errors';
import { loadSystemSettings } from '../settings/system-settings';
import { outgoingLetter, stateQuery } from '../../workflows/outgoing-letter';
import {
  letterWorkflowId,
  REFUSAL,
  type LetterState,
  type OutgoingLetterInput,
  type Urgency,
} from '../../workflows/outgoing-letter-types';

/**
 * Starts `letter-<id>` with the step deadlines of the letter's urgency and the working calendar from
 * the system settings, fixed into the workflow (past holidays left out: no step starts before today).
 * A second start for the same letter is refused by Temporal, not repeated.
 */
export async function startLetterWorkflow(
  client: Client,
  db: Knex,
  config: Config,
  input: Omit<OutgoingLetterInput, 'deadlines'> & { urgency: Urgency },
): Promise<void> {
  const { urgency, ...rest } = input;
  const settings = await loadSystemSettings(db, config);
  const today = wibDateOf(new Date());
  await client.workflow.start(outgoingLetter, {
    workflowId: letterWorkflowId(input.letterId),
    taskQueue: config.temporal.taskQueue,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [
      {
        ...rest,
        deadlines: {
          stepHours: settings.stepHours[urgency],
          reminderBeforeHours: settings.reminderBeforeHours[urgency],
          calendar: {
            workingDays: settings.calendar.workingDays,
            holidays: settings.calendar.holidays.filter((d) => d >= today),
          },
        },
      },
    ],
  });
}

function handleOf(client: Client, letterId: number): WorkflowHandle {
  return client.workflow.getHandle(letterWorkflowId(letterId));
}

/**
 * Runs an update and answers with the letter's new state. A refusal (validator or a 'refused' activity
 * failure) becomes a 409 carrying the workflow's Indonesian message; nothing changed.
 */
export async function runLetterUpdate<Arg>(
  client: Client,
  letterId: number,
  update: UpdateDefinition<LetterState, [Arg]>,
  arg: Arg,
): Promise<LetterState> {
  try {
    return await handleOf(client, letterId).executeUpdate(update, { args: [arg] });
  } catch (err) {
    throw refusalError(err, REFUSALS) ?? err;
  }
}

const REFUSALS = new Set<string>(Object.values(REFUSAL));

/**
 * A failed update as a 409 with the user-facing reason from its cause chain (a 'refused' failure, or one
 * of the workflow's `known` refusal messages); undefined for anything else, which stays an internal error.
 */
export function refusalError(err: unknown, known: ReadonlySet<string>): AppError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  for (let e: unknown = err.cause; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure && (e.type === 'refused' || known.has(e.message)))
      return new AppError(409, 'refused', e.message);
  }
  return undefined;
}

export function queryLetterState(client: Client, letterId: number): Promise<LetterState> {
  return handleOf(client, letterId).query(stateQuery);
}
