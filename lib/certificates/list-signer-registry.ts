import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { scopeToOpd, type Actor } from '../rbac/policy';
import { daysUntil } from './days-until';
import { EXPIRY_WARNING_DAYS } from './expiry-thresholds';
import { SIGNER_STATUS_LABELS, type SignerStatus } from './signer-statuses';

export interface SignerRegistryQuery {
  opd?: number;
  status?: SignerStatus;
  /** Part of a name or NIP. */
  q?: string;
  page: number;
  pageSize: number;
}

export interface SignerRegistryEntry {
  user: {
    id: number;
    name: string;
    nip: string | null;
    position: string;
    active: boolean;
    hasSignerRole: boolean;
  };
  opd: { id: number; code: string; name: string } | null;
  /** The valid certificate that lasts longest, else the latest one issued; null when none ever was. */
  certificate: {
    id: number;
    serial: string;
    notBefore: Date;
    notAfter: Date;
    /** Only while it is valid. */
    daysLeft: number | null;
    revokedAt: Date | null;
    revocationReason: string | null;
  } | null;
  status: SignerStatus;
  statusLabel: string;
}

export interface SignerRegistryPage {
  items: SignerRegistryEntry[];
  total: number;
  page: number;
  pageSize: number;
  /** In the caller's scope (and OPD filter), whatever the status and text filters. */
  expiringSoon: number;
}

interface CertificateRow {
  id: number;
  user_id: number;
  serial: string;
  status: string;
  not_before: unknown;
  not_after: unknown;
  revoked_at: unknown;
  revocation_reason: string | null;
}

interface PersonRow {
  id: number;
  name: string;
  nip: string | null;
  position: string | null;
  active: unknown;
  opd_id: number | null;
  opd_code: string;
  opd_name: string;
}

function currentOf(rows: CertificateRow[], now: Date): Pick<SignerRegistryEntry, 'certificate' | 'status'> {
  const valid = rows
    .filter((r) => r.status === 'active' && toDate(r.not_after)! > now)
    .sort((a, b) => toDate(b.not_after)!.getTime() - toDate(a.not_after)!.getTime());
  const row = valid[0] ?? rows[0];
  if (!row) return { certificate: null, status: 'none' };
  const notAfter = toDate(row.not_after)!;
  const daysLeft = valid.length ? daysUntil(notAfter, now) : null;
  const status: SignerStatus =
    daysLeft !== null
      ? daysLeft <= EXPIRY_WARNING_DAYS
        ? 'expiring'
        : 'active'
      : row.status === 'revoked'
        ? 'revoked'
        : 'expired';
  return {
    status,
    certificate: {
      id: Number(row.id),
      serial: row.serial,
      notBefore: toDate(row.not_before)!,
      notAfter,
      daysLeft,
      revokedAt: toDate(row.revoked_at),
      revocationReason: row.revocation_reason,
    },
  };
}

/**
 * The signer registry: everyone who holds the penandatangan role or any certificate, in the OPDs the
 * actor may see, with their current certificate and its status. The statuses come from dates and
 * several certificates per person, so filtering and paging happen here rather than in SQL; a regency
 * has a few hundred such people at most.
 */
export async function listSignerRegistry(
  db: Knex,
  actor: Actor,
  query: SignerRegistryQuery,
  now = new Date(),
): Promise<SignerRegistryPage> {
  const opdScope = scopeToOpd(actor, query.opd);
  const inScope = (q: Knex.QueryBuilder) => (opdScope === null ? q : q.where('users.opd_id', opdScope));
  const signerRole = (q: Knex.QueryBuilder) =>
    q.from('user_roles').whereRaw('user_roles.user_id = users.id').where('role', 'penandatangan');
  const people: PersonRow[] = await inScope(
    db('users')
      .leftJoin('opd', 'opd.id', 'users.opd_id')
      .where((w) =>
        w
          .whereExists(signerRole)
          .orWhereExists((q) => q.from('certificates').whereRaw('certificates.user_id = users.id')),
      )
      .orderBy('opd.short_name')
      .orderBy('users.name')
      .orderBy('users.id')
      .select(
        'users.id',
        'users.name',
        'users.nip',
        'users.position',
        'users.active',
        'opd.id as opd_id',
        'opd.code as opd_code',
        'opd.name as opd_name',
      ),
  );
  const signers = new Set(
    (await inScope(db('users').whereExists(signerRole).select('users.id'))).map((r: { id: number }) =>
      Number(r.id),
    ),
  );
  const certificates = new Map<number, CertificateRow[]>();
  const certificateRows: CertificateRow[] = await inScope(
    db('certificates')
      .join('users', 'users.id', 'certificates.user_id')
      .orderBy('certificates.id', 'desc')
      .select(
        'certificates.id',
        'certificates.user_id',
        'certificates.serial',
        'certificates.status',
        'certificates.not_before',
        'certificates.not_after',
        'certificates.revoked_at',
        'certificates.revocation_reason',
      ),
  );
  for (const row of certificateRows) {
    const userId = Number(row.user_id);
    certificates.set(userId, [...(certificates.get(userId) ?? []), row]);
  }

  const all: SignerRegistryEntry[] = people.map((p) => {
    const { certificate, status } = currentOf(certificates.get(Number(p.id)) ?? [], now);
    return {
      user: {
        id: Number(p.id),
        name: p.name,
        nip: p.nip ?? null,
        position: p.position ?? '',
        active: Boolean(p.active),
        hasSignerRole: signers.has(Number(p.id)),
      },
      opd: p.opd_id === null ? null : { id: Number(p.opd_id), code: p.opd_code, name: p.opd_name },
      certificate,
      status,
      statusLabel: SIGNER_STATUS_LABELS[status],
    };
  });
  const text = query.q?.trim().toLowerCase();
  const matching = all.filter(
    (e) =>
      (!query.status || e.status === query.status) &&
      (!text || e.user.name.toLowerCase().includes(text) || (e.user.nip ?? '').includes(text)),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matching.slice(start, start + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    expiringSoon: all.filter((e) => e.status === 'expiring').length,
  };
}
