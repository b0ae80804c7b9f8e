import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Being built (issue 5).
export function eventRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
