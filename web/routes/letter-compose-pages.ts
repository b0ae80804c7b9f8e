import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

/** Pages to write a letter: new draft, edit, submit (being built). */
export function letterComposePages(_deps: AppDeps): RouteDef[] {
  return [];
}
