import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { loadSystemSettings } from '../settings/system-settings';
import { AppError, NotFoundError } from '../errors';
import { refusalError } from './letter-workflow-client';
import { incomingLetter, incomingStateQuery, registerIncomingUpdate } from '../../workflows/incoming-letter';
import { dispositionStateQuery } from '../../workflows/disposition';
import {
  dispositionWorkflowId,
  INCOMING_REFUSAL,
  incomingWorkflowId,
  type DispositionState,
  type IncomingState,
  type RegisterIncomingArgs,
} from '../../workflows/incoming-letter-types';

/**
 * Starts `incoming-<id>` unless it exists already: delivered letters get theirs from the sending letter's
 * workflow, and a paper letter keeps the one an earlier attempt started.
 */
export async function startIncomingWorkflow(
  client: Client,
  db: Knex,
  config: Config,
  input: { incomingId: number; opdId: number },
): Promise<void> {
  try {
    await client.workflow.start(incomingLetter, {
      workflowId: incomingWorkflowId(input.incomingId),
      taskQueue: config.temporal.taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          ...input,
          reminderBeforeHours: (await loadSystemSettings(db, config)).dispositionReminderBeforeHours,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The bagian umum registers an incoming letter. Its workflow is started first when it has none, so a
 * paper letter stored while Temporal was unreachable can still be registered from its page later.
 */
export async function registerIncomingLetter(
  client: Client,
  db: Knex,
  config: Config,
  letter: { incomingId: number; opdId: number },
  args: RegisterIncomingArgs,
): Promise<IncomingState> {
  await startIncomingWorkflow(client, db, config, letter);
  return runIncomingUpdate(client, letter.incomingId, registerIncomingUpdate, args);
}

const REFUSALS = new Set<string>(Object.values(INCOMING_REFUSAL));

/** What a missing workflow means to the user, and what one that already ended means. */
interface Gone {
  missing: string;
  ended: string;
}
const LETTER: Gone = { missing: 'Surat masuk tidak ditemukan.', ended: INCOMING_REFUSAL.closed };
const DISPOSITION: Gone = {
  missing: 'Disposisi tidak ditemukan.',
  ended: INCOMING_REFUSAL.dispositionFinished,
};

/** The server answers "not found" for an update on a workflow that completed too: tell the two apart. */
async function goneError(handle: WorkflowHandle, gone: Gone): Promise<AppError> {
  try {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return new AppError(409, 'refused', gone.ended);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  return new NotFoundError(gone.missing);
}

async function runUpdate<S, Arg>(
  handle: WorkflowHandle,
  gone: Gone,
  update: UpdateDefinition<S, [Arg]>,
  arg: Arg,
): Promise<S> {
  try {
    return await handle.executeUpdate(update, { args: [arg] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await goneError(handle, gone);
    throw refusalError(err, REFUSALS) ?? err;
  }
}

async function runQuery<S>(handle: WorkflowHandle, gone: Gone, query: QueryDefinition<S>): Promise<S> {
  try {
    return await handle.query(query);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError(gone.missing);
    throw err;
  }
}

const letterHandle = (client: Client, incomingId: number) =>
  client.workflow.getHandle(incomingWorkflowId(incomingId));
const dispositionHandle = (client: Client, dispositionId: number) =>
  client.workflow.getHandle(dispositionWorkflowId(dispositionId));

/**
 * Runs an update of the incoming letter and answers with its new state. A refusal becomes a 409 with
 * the workflow's Indonesian message (nothing changed); a letter without a workflow a 404.
 */
export function runIncomingUpdate<Arg>(
  client: Client,
  incomingId: number,
  update: UpdateDefinition<IncomingState, [Arg]>,
  arg: Arg,
): Promise<IncomingState> {
  return runUpdate(letterHandle(client, incomingId), LETTER, update, arg);
}

/** Runs an update of one disposition, like runIncomingUpdate; one that already ended is a 409. */
export function runDispositionUpdate<Arg>(
  client: Client,
  dispositionId: number,
  update: UpdateDefinition<DispositionState, [Arg]>,
  arg: Arg,
): Promise<DispositionState> {
  return runUpdate(dispositionHandle(client, dispositionId), DISPOSITION, update, arg);
}

export function queryIncomingState(client: Client, incomingId: number): Promise<IncomingState> {
  return runQuery(letterHandle(client, incomingId), LETTER, incomingStateQuery);
}

export function queryDispositionState(client: Client, dispositionId: number): Promise<DispositionState> {
  return runQuery(dispositionHandle(client, dispositionId), DISPOSITION, dispositionStateQuery);
}
