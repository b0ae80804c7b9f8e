import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Stub: filled in by this session's work on issue 8.
export function metricsRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
