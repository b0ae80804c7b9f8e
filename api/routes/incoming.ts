import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Being built (issue 5).
export function incomingRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
