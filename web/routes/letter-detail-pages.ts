import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

/** A letter's page: status, timeline, versions and the actions of its parties (being built). */
export function letterDetailPages(_deps: AppDeps): RouteDef[] {
  return [];
}
