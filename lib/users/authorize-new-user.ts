import type { Actor } from '../rbac/policy';
import { newUserInput } from './user-admin-schemas';
import { newUserOpd } from './new-user-opd';

/**
 * The OPD check of a new account, made from the body's opdId alone before the rest of it is read: an
 * admin_opd naming another OPD gets its 403, not a 400 about the other fields.
 */
export function authorizeNewUser(actor: Actor, body: unknown): void {
  const requested = newUserInput.shape.opdId.safeParse((body as Record<string, unknown> | undefined)?.opdId);
  newUserOpd(actor, requested.success ? requested.data : undefined);
}
