import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

/** GET /api/v1/letters: drafts, sent and archive boxes (being built). */
export function letterListRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
