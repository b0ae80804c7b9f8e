import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

/** GET /api/v1/letters/:id/pdf: the draft preview or the signed PDF (being built). */
export function letterPdfRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
