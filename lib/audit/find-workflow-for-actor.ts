import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import type { Actor } from '../rbac/policy';

export interface WorkflowSubject {
  workflowId: string;
  /** What the workflow is about, in Indonesian, and the page of that record. */
  label: string;
  href: string;
}

const PATTERN = /^(letter|incoming|disposition)-([1-9]\d{0,9})$/;

/** The OPD that owns the record behind an e-Office workflow id, or undefined if there is none. */
async function ownerOpd(
  db: Knex,
  kind: string,
  id: number,
): Promise<{ opdId: number; incomingId?: number } | undefined> {
  if (kind === 'letter') {
    const row = await db('letters').where({ id }).first('opd_id');
    return row && { opdId: Number(row.opd_id) };
  }
  const row = await db('incoming_letters as i')
    .modify((q) => {
      if (kind === 'disposition')
        q.join('dispositions as d', 'd.incoming_letter_id', 'i.id').where('d.id', id);
      else q.where('i.id', id);
    })
    .first('i.id', 'i.opd_id');
  return row && { opdId: Number(row.opd_id), incomingId: Number(row.id) };
}

/**
 * The workflow's subject if the actor may read its history: a superadmin, or the bagian umum of the
 * record's OPD. Ids that are not e-Office workflows, missing records and foreign OPDs all get one 404.
 */
export async function findWorkflowForActor(
  db: Knex,
  actor: Actor,
  workflowId: string,
): Promise<WorkflowSubject> {
  const missing = new NotFoundError('Alur kerja tidak ditemukan.');
  const match = PATTERN.exec(workflowId);
  if (!match) throw missing;
  const [, kind, rawId] = match;
  const id = Number(rawId);
  const owner = await ownerOpd(db, kind, id);
  if (!owner) throw missing;
  const allowed =
    actor.roles.includes('superadmin') || (actor.roles.includes('admin_opd') && actor.opdId === owner.opdId);
  if (!allowed) throw missing;
  if (kind === 'letter') return { workflowId, label: `Surat keluar #${id}`, href: `/surat/${id}` };
  return {
    workflowId,
    label: kind === 'incoming' ? `Surat masuk #${id}` : `Disposisi #${id} (surat masuk #${owner.incomingId})`,
    href: `/surat-masuk/${owner.incomingId}`,
  };
}
