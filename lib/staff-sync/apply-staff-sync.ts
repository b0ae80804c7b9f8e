import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { StaffRecord, StaffSyncCounts } from './staff-sync-types';
import type { ValidatedRows } from './validate-staff-rows';

const CHUNK = 50;
/** What the sync owns on a person's account; roles, e-mail, password and username are e-Office's. */
const FIELDS = ['name', 'position', 'unit', 'opd_id', 'superior_id', 'rank', 'active', 'source'] as const;
type Field = (typeof FIELDS)[number];
type Person = { id: number; nip: string; deactivated_by_admin_at: unknown } & Record<
  Field,
  string | number | boolean | null
>;

export interface ApplyOptions {
  runId: number;
  actorId: number | null;
  /** Called after each batch with the number of export rows applied so far. */
  onProgress?: (processed: number) => Promise<void> | void;
}

/**
 * Brings the accounts in line with a validated export, in batches of one transaction each (the change
 * and its audit row together): creates the new people (role `asn`, a password nobody knows: they sign
 * in after a reset), updates what changed, deactivates SMART people no longer listed or marked inactive.
 * Applying the same export twice changes nothing the second time.
 */
export async function applyStaffSync(
  db: Knex,
  { records, rejections, listedNips }: ValidatedRows,
  { runId, actorId, onProgress }: ApplyOptions,
): Promise<StaffSyncCounts> {
  const counts: StaffSyncCounts = {
    total: records.length + rejections.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    rejected: rejections.length,
  };
  const people = await loadPeople(db);
  const fresh = records.filter((r) => !people.has(r.nip));
  await inBatches(db, fresh, async (trx, r) => {
    const now = new Date();
    await trx('users').insert({
      ...desired(r, null),
      nip: r.nip,
      username: r.nip,
      password_hash: `!${randomBytes(24).toString('hex')}`,
      created_at: now,
      updated_at: now,
    });
    const { id } = await trx('users').where({ nip: r.nip }).first('id');
    await trx('user_roles').insert({ user_id: id, role: 'asn' });
    await appendAudit(trx, {
      actorId,
      opdId: r.opdId,
      action: 'staff.created',
      entityType: 'user',
      entityId: id,
      data: { runId, nip: r.nip, ...desired(r, r.superiorNip) },
    });
    counts.created++;
  });
  const created = new Set(fresh.map((r) => r.nip));
  const byNip = await loadPeople(db);
  let processed = 0;
  await inBatches(
    db,
    records,
    async (trx, r) => {
      const person = byNip.get(r.nip)!;
      const superiorId = r.superiorNip ? (byNip.get(r.superiorNip)?.id ?? null) : null;
      // An administrator's deactivation outranks SMART's "active": only an administrator reactivates.
      const want = {
        ...desired(r, superiorId),
        ...(person.deactivated_by_admin_at ? { active: false } : {}),
      };
      const changes = diff(person, want);
      if (Object.keys(changes).length > 0) {
        await trx('users')
          .where({ id: person.id })
          .update({ ...want, updated_at: new Date() });
      }
      if (created.has(r.nip)) return; // its superior, set now that everyone exists, is part of creating it
      if (Object.keys(changes).length === 0) {
        counts.unchanged++;
        return;
      }
      const deactivated = Boolean(person.active) && !r.active;
      await appendAudit(trx, {
        actorId,
        opdId: r.opdId,
        action: deactivated ? 'staff.deactivated' : 'staff.updated',
        entityType: 'user',
        entityId: person.id,
        data: { runId, nip: r.nip, changes },
      });
      counts[deactivated ? 'deactivated' : 'updated']++;
    },
    async (done) => {
      processed += done;
      await onProgress?.(processed);
    },
  );
  const gone = [...byNip.values()].filter(
    (p) => p.source === 'smart' && Boolean(p.active) && !listedNips.has(p.nip),
  );
  await inBatches(db, gone, async (trx, p) => {
    await trx('users').where({ id: p.id }).update({ active: false, updated_at: new Date() });
    await appendAudit(trx, {
      actorId,
      opdId: p.opd_id === null ? null : Number(p.opd_id),
      action: 'staff.deactivated',
      entityType: 'user',
      entityId: p.id,
      data: { runId, nip: p.nip, reason: 'tidak ada lagi dalam data SMART' },
    });
    counts.deactivated++;
  });
  return counts;
}

function desired(
  r: StaffRecord,
  superiorId: number | string | null,
): Record<Field, string | number | boolean | null> {
  return {
    name: r.name.slice(0, 200),
    position: r.position.slice(0, 200),
    unit: r.unit.slice(0, 200),
    opd_id: r.opdId,
    superior_id: superiorId,
    rank: r.rank.slice(0, 100),
    active: r.active,
    source: 'smart',
  };
}

/** The fields that differ, as [before, after]; the databases give booleans and ids in their own types. */
function diff(person: Person, want: Record<Field, unknown>): Record<string, [unknown, unknown]> {
  const norm = (f: Field, v: unknown) =>
    f === 'active' ? Boolean(v) : f === 'opd_id' || f === 'superior_id' ? (v === null ? null : Number(v)) : v;
  const changes: Record<string, [unknown, unknown]> = {};
  for (const f of FIELDS) {
    if (norm(f, person[f]) !== norm(f, want[f])) changes[f] = [norm(f, person[f]), norm(f, want[f])];
  }
  return changes;
}

async function loadPeople(db: Knex): Promise<Map<string, Person>> {
  const rows: Person[] = await db('users')
    .whereNotNull('nip')
    .select('id', 'nip', 'deactivated_by_admin_at', ...FIELDS);
  return new Map(rows.map((p) => [String(p.nip), { ...p, id: Number(p.id) }]));
}

async function inBatches<T>(
  db: Knex,
  items: T[],
  each: (trx: Knex.Transaction, item: T) => Promise<void>,
  afterBatch?: (done: number) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    const batch = items.slice(i, i + CHUNK);
    await db.transaction(async (trx) => {
      for (const item of batch) await each(trx, item);
    });
    await afterBatch?.(batch.length);
  }
}
