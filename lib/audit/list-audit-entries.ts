import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { NotFoundError } from '../errors';
import { scopeToOpd, type Actor } from '../rbac/policy';
import { auditActionLabel } from './audit-action-labels';

export interface AuditQuery {
  /** A user id, or part of a name or NIP. */
  actor?: string;
  /** An outgoing letter's id or its number. */
  letter?: string;
  incoming?: number;
  opd?: number;
  action?: string;
  /** WIB dates, yyyy-mm-dd, both inclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number;
  occurredAt: Date;
  actor: { id: number; name: string; nip: string | null } | null;
  opd: { id: number; name: string } | null;
  action: string;
  actionLabel: string;
  entity: { type: string; id: string | null; label: string; href: string | null };
  data: Record<string, unknown>;
}

const ENTITY_NAMES: Record<string, string> = {
  letter: 'Surat keluar',
  incoming_letter: 'Surat masuk',
  disposition: 'Disposisi',
  certificate: 'Sertifikat',
  document: 'Dokumen',
  user: 'Pengguna',
  opd: 'OPD',
  agenda_item: 'Kegiatan',
  delegation: 'Plt./Plh.',
  login: 'Percobaan masuk',
  system: 'Sistem',
};

/** The audit data never holds secrets; this keeps it so even if a future action slips one in. */
const SECRET_KEY = /pass|secret|token|key|hash$/i;
const redact = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[disembunyikan]' : v]));

const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;
const wibStart = (date: string) => new Date(`${date}T00:00:00.000+07:00`);

/** Resolves the letter filter to an id the actor may see; a foreign or unknown letter is a 404. */
async function visibleLetterId(db: Knex, ref: string, opdScope: number | null) {
  const letter = /^\d{1,9}$/.test(ref)
    ? await db('letters')
        .where({ id: Number(ref) })
        .first('id', 'opd_id')
    : await db('letters').where({ number: ref }).first('id', 'opd_id');
  if (!letter || (opdScope !== null && Number(letter.opd_id) !== opdScope))
    throw new NotFoundError('Surat tidak ditemukan.');
  return Number(letter.id);
}

async function visibleIncomingId(db: Knex, id: number, opdScope: number | null) {
  const row = await db('incoming_letters').where({ id }).first('id', 'opd_id');
  if (!row || (opdScope !== null && Number(row.opd_id) !== opdScope))
    throw new NotFoundError('Surat masuk tidak ditemukan.');
  return id;
}

/**
 * One page of the audit trail, newest first: every row for a superadmin, the rows of their own OPD for
 * an admin_opd. A letter filter covers the letter's own rows and those that name it (its number in the
 * register, its issued document); an incoming filter covers the letter and its dispositions.
 */
export async function listAuditEntries(
  db: Knex,
  actor: Actor,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const opdScope = scopeToOpd(actor, query.opd);
  const base = db('audit_log as a');
  if (opdScope !== null) base.where('a.opd_id', opdScope);
  const who = query.actor?.trim();
  if (who && /^\d{1,9}$/.test(who)) base.where('a.actor_id', Number(who));
  else if (who) {
    const like = likePattern(who);
    base.whereIn(
      'a.actor_id',
      db('users')
        .whereRaw("name like ? escape '!'", [like])
        .orWhereRaw("nip like ? escape '!'", [like])
        .select('id'),
    );
  }
  if (query.letter?.trim()) {
    const id = await visibleLetterId(db, query.letter.trim(), opdScope);
    base.where((w) =>
      w
        .where({ 'a.entity_type': 'letter', 'a.entity_id': String(id) })
        .orWhere((n) =>
          n
            .whereIn('a.entity_type', ['opd', 'document'])
            .where((d) =>
              d
                .where('a.data', 'like', `%"letterId":${id},%`)
                .orWhere('a.data', 'like', `%"letterId":${id}}%`),
            ),
        ),
    );
  }
  if (query.incoming !== undefined) {
    const id = await visibleIncomingId(db, query.incoming, opdScope);
    const dispositions = await db('dispositions').where({ incoming_letter_id: id }).pluck('id');
    base.where((w) =>
      w
        .where({ 'a.entity_type': 'incoming_letter', 'a.entity_id': String(id) })
        .orWhere((d) =>
          d.where('a.entity_type', 'disposition').whereIn('a.entity_id', dispositions.map(String)),
        ),
    );
  }
  if (query.action) base.where('a.action', query.action);
  if (query.from) base.where('a.occurred_at', '>=', wibStart(query.from));
  if (query.to) base.where('a.occurred_at', '<', new Date(wibStart(query.to).getTime() + 86_400_000));

  const [{ total }] = await base.clone().count({ total: '*' });
  const rows = await base
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .leftJoin('opd as o', 'o.id', 'a.opd_id')
    .orderBy('a.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('a.*', 'u.name as actor_name', 'u.nip as actor_nip', 'o.short_name as opd_name');
  const dispositionIds = rows.filter((r) => r.entity_type === 'disposition').map((r) => Number(r.entity_id));
  const incomingOf = new Map<number, number>(
    dispositionIds.length
      ? (await db('dispositions').whereIn('id', dispositionIds).select('id', 'incoming_letter_id')).map(
          (d) => [Number(d.id), Number(d.incoming_letter_id)],
        )
      : [],
  );
  const hrefOf = (type: string, id: string | null): string | null => {
    if (id === null) return null;
    if (type === 'letter') return `/surat/${id}`;
    if (type === 'incoming_letter') return `/surat-masuk/${id}`;
    if (type === 'agenda_item') return `/agenda/${id}`;
    if (type === 'disposition' && incomingOf.has(Number(id)))
      return `/surat-masuk/${incomingOf.get(Number(id))}`;
    return null;
  };
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      occurredAt: toDate(r.occurred_at)!,
      actor:
        r.actor_id === null
          ? null
          : { id: Number(r.actor_id), name: r.actor_name ?? `#${r.actor_id}`, nip: r.actor_nip ?? null },
      opd: r.opd_id === null ? null : { id: Number(r.opd_id), name: r.opd_name ?? `#${r.opd_id}` },
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entity: {
        type: r.entity_type,
        id: r.entity_id,
        label: `${ENTITY_NAMES[r.entity_type] ?? r.entity_type}${r.entity_id === null ? '' : ` #${r.entity_id}`}`,
        href: hrefOf(r.entity_type, r.entity_id),
      },
      data: redact(JSON.parse(r.data) as Record<string, unknown>),
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
