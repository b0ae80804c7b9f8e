import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface Signer {
  id: number;
  name: string;
  nip: string | null;
  position: string;
  opd: { id: number; code: string; name: string } | null;
  certificate: { id: number; serial: string; notAfter: Date };
}

/**
 * Active signing officials (role penandatangan) who hold a certificate that is neither revoked nor expired: the only ones a letter
 * may name as its signer. With opdId, only that OPD's. One entry per person (the longest-valid one).
 */
export async function listSigners(db: Knex, filter: { opdId?: number | null } = {}): Promise<Signer[]> {
  const q = db('certificates')
    .join('users', 'users.id', 'certificates.user_id')
    .leftJoin('opd', 'opd.id', 'users.opd_id')
    .where('certificates.status', 'active')
    .where('certificates.not_after', '>', new Date())
    .where('users.active', true)
    // A certificate alone is not enough: the person must still hold the signing role.
    .whereExists((q) =>
      q.from('user_roles').whereRaw('user_roles.user_id = users.id').where('role', 'penandatangan'),
    )
    .orderBy('users.name')
    .orderBy('certificates.not_after', 'desc')
    .select(
      'users.id',
      'users.name',
      'users.nip',
      'users.position',
      'opd.id as opd_id',
      'opd.code as opd_code',
      'opd.name as opd_name',
      'certificates.id as certificate_id',
      'certificates.serial',
      'certificates.not_after',
    );
  if (filter.opdId !== undefined && filter.opdId !== null) q.where('users.opd_id', filter.opdId);
  const signers = new Map<number, Signer>();
  for (const row of await q) {
    const id = Number(row.id);
    if (signers.has(id)) continue;
    signers.set(id, {
      id,
      name: row.name,
      nip: row.nip ?? null,
      position: row.position,
      opd: row.opd_id === null ? null : { id: Number(row.opd_id), code: row.opd_code, name: row.opd_name },
      certificate: { id: Number(row.certificate_id), serial: row.serial, notAfter: toDate(row.not_after)! },
    });
  }
  return [...signers.values()];
}
