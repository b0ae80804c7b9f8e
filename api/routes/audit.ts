import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Being built (issue 6).
export function auditRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
