import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createIncomingActivities } from '../../activities/incoming';
import { createDispositions } from '../../lib/incoming/create-dispositions';
import { recordDispositionStatus } from '../../lib/incoming/record-disposition-status';
import { recordIncomingStatus } from '../../lib/incoming/record-incoming-status';
import { registerIncoming } from '../../lib/incoming/register-incoming';
import type { Actor } from '../../lib/rbac/policy';
import type { Role } from '../../lib/rbac/roles';
import type { IncomingActivities } from '../../workflows/incoming-letter-types';
import type { TestDatabase } from './test-database';

export interface IncomingRowInput {
  opdId: number;
  source?: 'delivery' | 'paper';
  /** The sending OPD of a delivered letter; null for paper. */
  senderOpdId?: number | null;
  senderName?: string;
  letterId?: number | null;
  number?: string;
  letterDate?: string;
  subject?: string;
  sifat?: string;
  urgency?: string;
  classification?: string;
  receivedAt?: Date;
  scanFileId?: number | null;
}

let serial = 0;

/** An incoming letter row (status 'received') as delivery or a paper registration leaves it. */
export async function createIncomingRow(db: Knex, input: IncomingRowInput): Promise<number> {
  serial += 1;
  const now = new Date();
  const [id] = await db('incoming_letters').insert({
    opd_id: input.opdId,
    letter_id: input.letterId ?? null,
    source: input.source ?? 'paper',
    recipient_kind: 'to',
    sender_opd_id: input.senderOpdId ?? null,
    sender_name: input.senderName ?? 'Kementerian Dalam Negeri',
    number: input.number ?? `100.3/${serial}/TEST/2026`,
    letter_date: input.letterDate ?? '2026-11-20',
    subject: input.subject ?? `Undangan Rapat Koordinasi ${serial}`,
    sifat: input.sifat ?? 'biasa',
    urgency: input.urgency ?? 'segera',
    classification: input.classification ?? '000',
    received_at: input.receivedAt ?? now,
    scan_file_id: input.scanFileId ?? null,
    status: 'received',
    created_at: now,
    updated_at: now,
  });
  return Number(id);
}

/** A letter delivered by e-Office from another OPD (by code) to `opdCode`, not yet registered. */
export async function createDeliveredIncoming(
  db: Knex,
  input: { opdCode: string; senderCode?: string } & Partial<Omit<IncomingRowInput, 'opdId'>>,
): Promise<number> {
  const { opdCode, senderCode = 'DISKOMINFO', ...rest } = input;
  const [opd, sender] = await Promise.all([
    db('opd').where({ code: opdCode }).first('id'),
    db('opd').where({ code: senderCode }).first('id', 'name'),
  ]);
  return createIncomingRow(db, {
    source: 'delivery',
    senderOpdId: Number(sender.id),
    senderName: sender.name,
    ...rest,
    opdId: Number(opd.id),
  });
}

/** The demo roles every seeded OPD has, as in its usernames (`kepala.disdik`, `staf1.disdik`, …). */
export const OPD_PEOPLE = [
  'kepala',
  'sekretaris',
  'admin',
  'verifikator1',
  'verifikator2',
  'staf1',
  'staf2',
  'staf3',
] as const;
export type OpdPerson = (typeof OPD_PEOPLE)[number];

/** The ids of the seeded people of one OPD (by code), by demo role. */
export async function opdPeople(db: Knex, opdCode: string): Promise<Record<OpdPerson, number>> {
  const suffix = opdCode.toLowerCase();
  const rows = await db('users')
    .whereIn(
      'username',
      OPD_PEOPLE.map((n) => `${n}.${suffix}`),
    )
    .select('id', 'username');
  const byName = new Map(rows.map((r) => [String(r.username).split('.')[0], Number(r.id)]));
  return Object.fromEntries(OPD_PEOPLE.map((n) => [n, byName.get(n)!])) as Record<OpdPerson, number>;
}

/** The actor the API would build for a seeded user (by username). */
export async function actorOf(db: Knex, username: string): Promise<Actor> {
  const user = await db('users').where({ username }).first('id', 'opd_id');
  if (!user) throw new Error(`no user ${username}: seed the test database first`);
  const roles = (await db('user_roles').where({ user_id: user.id }).pluck('role')) as Role[];
  return { id: Number(user.id), opdId: user.opd_id === null ? null : Number(user.opd_id), roles };
}

/** Registers the letter in its OPD's agenda as the workflow's register update would. */
export async function registerForTest(db: Knex, incomingId: number, actorId: number): Promise<string> {
  return (await registerIncoming(db, { incomingId, actorId })).agendaNumber;
}

let keySerial = 0;

/**
 * Gives dispositions as the workflows would, without Temporal: the rows, the letter 'in_progress' and,
 * for a forward, the parent 'forwarded'. Returns the new ids in the order of toUserIds.
 */
export async function disposeForTest(
  db: Knex,
  input: {
    incomingId: number;
    parentId?: number | null;
    fromUserId: number;
    toUserIds: number[];
    instruction?: string;
    note?: string;
    /** Default: three days from now. */
    dueAt?: string | null;
  },
): Promise<number[]> {
  keySerial += 1;
  const parentId = input.parentId ?? null;
  const { ids } = await createDispositions(db, {
    incomingId: input.incomingId,
    parentId,
    fromUserId: input.fromUserId,
    toUserIds: input.toUserIds,
    instruction: input.instruction ?? 'Untuk ditindaklanjuti',
    note: input.note,
    dueAt: input.dueAt === undefined ? new Date(Date.now() + 3 * 86_400_000).toISOString() : input.dueAt,
    key: `test-${process.pid}-${keySerial}`,
  });
  await recordIncomingStatus(db, {
    incomingId: input.incomingId,
    actorId: input.fromUserId,
    status: 'in_progress',
  });
  if (parentId !== null) {
    await recordDispositionStatus(db, {
      dispositionId: parentId,
      actorId: input.fromUserId,
      status: 'forwarded',
      action: 'disposition.forward',
    });
  }
  return ids;
}

/** Row counts of the tables the incoming side writes, to assert that a refusal wrote nothing. */
export async function incomingTableCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'incoming_letters',
    'dispositions',
    'disposition_follow_ups',
    'follow_up_files',
    'notifications',
    'audit_log',
  ]) {
    const [{ n }] = await db(table).count('* as n');
    out[table] = Number(n);
  }
  return out;
}

/**
 * The incoming activities as the worker builds them, over the test database; `temporalClient` starts
 * the reminder workflows of agenda items made from dispositions.
 */
export function testIncomingActivities(
  t: TestDatabase,
  temporalClient: () => Promise<Client>,
): IncomingActivities {
  return createIncomingActivities({ db: t.db, config: t.config, temporalClient });
}
