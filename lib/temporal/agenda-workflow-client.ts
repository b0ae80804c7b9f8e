import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { AgendaItemState, EndAgendaArgs, RescheduleAgendaArgs } from '../../workflows/agenda-item-types';

// Stub: the agenda workflow's client, filled in by this session's work on issue 7.

/** Starts `agenda-<id>` for a stored item; a second start for the same item is not an error. */
export async function startAgendaWorkflow(
  _client: Client,
  _config: Config,
  _item: { itemId: number; startsAt: Date; endsAt: Date },
): Promise<void> {}

/** Tells the workflow the item's new dates (already stored). */
export async function rescheduleAgendaWorkflow(
  _client: Client,
  _itemId: number,
  _args: RescheduleAgendaArgs,
): Promise<AgendaItemState | null> {
  return null;
}

/** Tells the workflow the item is done or cancelled (already stored); its timers stop. */
export async function endAgendaWorkflow(
  _client: Client,
  _itemId: number,
  _args: EndAgendaArgs,
): Promise<AgendaItemState | null> {
  return null;
}
