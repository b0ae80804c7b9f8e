import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { wibDayRange } from '../archive/wib-day-range';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../rbac/policy';
import { ROLE_LABELS } from '../rbac/roles';
import { mayDelegateFor } from './may-delegate-for';
import { DELEGABLE_ROLES } from './delegation-kinds';
import type { DelegationInput } from './delegation-input';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

const fieldError = (field: string, message: string) =>
  new ValidationError(message, { fields: [{ field, message }] });

async function activePerson(trx: Knex.Transaction, id: number, field: string, label: string) {
  const user = await trx('users').where({ id }).first('id', 'name', 'opd_id', 'active');
  if (!user) throw new NotFoundError(`${label} tidak ditemukan.`);
  if (!user.active) throw fieldError(field, `${label} (${user.name}) tidak aktif.`);
  const roles: string[] = await trx('user_roles').where({ user_id: id }).pluck('role');
  return { ...user, roles };
}

/**
 * Names an acting official for a period. The acting official must hold each role of the principal
 * whose tasks pass over (verifikator, penandatangan), so the routes' role checks keep holding; a
 * principal has one Plt/Plh at a time, and nobody stands in while being stood in for.
 */
export async function createDelegation(db: Knex, actor: Actor, input: DelegationInput, now = new Date()) {
  const { start, end } = wibDayRange(input.startDate, input.endDate);
  if (end.getTime() <= now.getTime()) throw fieldError('endDate', 'Masa Plt./Plh. sudah lewat.');
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY_MS)
    throw fieldError(
      'endDate',
      `Masa Plt./Plh. paling lama ${MAX_DAYS} hari; perpanjang dengan penunjukan baru.`,
    );

  return db.transaction(async (trx) => {
    const principal = await activePerson(trx, input.principalId, 'principalId', 'Pejabat yang digantikan');
    if (
      !mayDelegateFor(actor, {
        id: Number(principal.id),
        opdId: principal.opd_id === null ? null : Number(principal.opd_id),
      })
    )
      throw new ForbiddenError(
        'Anda hanya dapat menunjuk Plt./Plh. untuk diri sendiri atau pejabat OPD Anda.',
      );
    const acting = await activePerson(trx, input.actingId, 'actingId', 'Pejabat pelaksana');
    const passing = DELEGABLE_ROLES.filter((r) => principal.roles.includes(r));
    if (!passing.length)
      throw fieldError(
        'principalId',
        'Pejabat ini tidak memegang peran verifikator atau penandatangan: tidak ada tugas yang dapat dialihkan.',
      );
    const missing = passing.filter((r) => !acting.roles.includes(r));
    if (missing.length)
      throw fieldError(
        'actingId',
        `Pejabat pelaksana belum memegang peran ${missing.map((r) => ROLE_LABELS[r]).join(' dan ')}. Berikan peran itu lebih dulu.`,
      );

    const overlapping = (column: 'principal_id' | 'acting_id', id: number) =>
      trx('delegations')
        .where(column, id)
        .whereNull('ended_at')
        .where('starts_at', '<', end)
        .where('ends_at', '>', start)
        .first('id');
    if (await overlapping('principal_id', principal.id))
      throw new ConflictError('Sudah ada Plt./Plh. untuk pejabat ini pada masa itu. Akhiri dulu yang lama.');
    if (await overlapping('principal_id', acting.id))
      throw new ConflictError('Pejabat pelaksana sendiri sedang digantikan oleh Plt./Plh. pada masa itu.');
    if (await overlapping('acting_id', principal.id))
      throw new ConflictError(
        'Pejabat yang digantikan sedang menjadi Plt./Plh. bagi pejabat lain pada masa itu.',
      );

    const [id] = await trx('delegations').insert({
      principal_id: principal.id,
      acting_id: acting.id,
      kind: input.kind,
      starts_at: start,
      ends_at: end,
      reason: input.reason,
      created_by: actor.id,
      created_at: now,
    });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: principal.opd_id === null ? null : Number(principal.opd_id),
      action: 'delegation.create',
      entityType: 'delegation',
      entityId: Number(id),
      data: {
        principalId: principal.id,
        actingId: acting.id,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
      },
    });
    return { id: Number(id), principal, acting };
  });
}
