import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Being built (issue 6).
export function archivePages(_deps: AppDeps): RouteDef[] {
  return [];
}
