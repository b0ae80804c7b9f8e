import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Being built (issue 6).
export function staffSyncPages(_deps: AppDeps): RouteDef[] {
  return [];
}
