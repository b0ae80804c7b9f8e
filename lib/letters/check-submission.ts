import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../errors';
import { REFUSAL } from '../../workflows/outgoing-letter-types';
import { listSigners } from '../pki/list-signers';

export interface CheckSubmissionInput {
  letterId: number;
  drafterId: number;
  verifierIds: number[];
  signerId: number;
}

/**
 * What the workflow's validator cannot see: each verifier is an active user holding the verifikator
 * role in the drafter's own OPD (verification is the OPD's internal review, as in the demo regency),
 * and the signer is an active penandatangan holding an active, unexpired certificate (any OPD: a
 * letter may be signed by, e.g., the Sekretaris Daerah). Throws ConflictError with an Indonesian message.
 */
export async function checkSubmission(db: Knex, input: CheckSubmissionInput): Promise<void> {
  const letter = await db('letters').where({ id: input.letterId }).first('opd_id', 'drafter_id');
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  if (Number(letter.drafter_id) !== input.drafterId) throw new ConflictError(REFUSAL.notDrafter);
  if (input.verifierIds.length === 0) throw new ConflictError(REFUSAL.noVerifiers);
  if (new Set(input.verifierIds).size !== input.verifierIds.length) {
    throw new ConflictError(REFUSAL.duplicateVerifier);
  }
  if (input.verifierIds.includes(input.drafterId)) throw new ConflictError(REFUSAL.drafterAsVerifier);

  const rows = await db('users')
    .whereIn('id', input.verifierIds)
    .select('id', 'name', 'opd_id', 'active')
    .select(
      db.raw(
        "EXISTS (SELECT 1 FROM user_roles WHERE user_roles.user_id = users.id AND user_roles.role = 'verifikator') AS is_verifier",
      ),
    );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (const id of input.verifierIds) {
    const user = byId.get(id);
    if (!user) throw new ConflictError('Verifikator yang dipilih tidak ditemukan.');
    if (!user.active)
      throw new ConflictError(`${user.name} tidak aktif dan tidak dapat menjadi verifikator.`);
    if (!Number(user.is_verifier)) throw new ConflictError(`${user.name} bukan verifikator.`);
    if (Number(user.opd_id) !== Number(letter.opd_id)) {
      throw new ConflictError(`${user.name} bukan verifikator pada perangkat daerah pembuat surat.`);
    }
  }

  const signers = await listSigners(db);
  if (!signers.some((s) => s.id === input.signerId)) {
    throw new ConflictError(
      'Pejabat penandatangan yang dipilih tidak memiliki sertifikat tanda tangan elektronik yang aktif.',
    );
  }
}
