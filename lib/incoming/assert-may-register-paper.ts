import { ForbiddenError } from '../errors';
import type { Actor } from '../rbac/policy';

/**
 * Paper letters are registered by the bagian umum of an OPD, into that OPD's register: a superadmin
 * (who passes every role check) has no register of their own, so is refused before anything is stored.
 */
export function assertMayRegisterPaper(actor: Actor): asserts actor is Actor & { opdId: number } {
  if (actor.opdId === null || !actor.roles.includes('admin_opd'))
    throw new ForbiddenError('Hanya admin OPD (bagian umum) yang dapat meregistrasi surat masuk.');
}
