import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../config';

export type AgendaKind = 'event' | 'deadline';
export type AgendaSource = 'manual' | 'invitation' | 'assignment' | 'disposition';

export interface NewAgendaItem {
  opdId: number;
  /** The division (users.unit); '' for the whole OPD. */
  unit: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  targetOutput: string;
  responsibleId: number;
  /** Other people named on it (the responsible person need not be repeated). */
  participantIds: number[];
  kind: AgendaKind;
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

/**
 * Stores an agenda item with its participants and the audit row in one transaction (an item with the
 * same sourceKey is returned as it is), then starts its reminder workflow `agenda-<id>`.
 * Stub until the agenda work lands.
 */
export async function createAgendaItem(
  _deps: AgendaDeps,
  _item: NewAgendaItem,
): Promise<{ id: number; created: boolean }> {
  throw new Error('not built yet');
}
