import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Stub: filled in by this session's work on issue 7.
export function agendaRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
