import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Being built (issue 6).
export function auditPages(_deps: AppDeps): RouteDef[] {
  return [];
}
