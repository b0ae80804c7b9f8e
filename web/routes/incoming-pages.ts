import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Being built (issue 5).
export function incomingPages(_deps: AppDeps): RouteDef[] {
  return [];
}
