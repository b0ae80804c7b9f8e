import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Being built (issue 6).
export function archiveRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
