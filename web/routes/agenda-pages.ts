import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Stub: filled in by this session's work on issue 7.
export function agendaPages(_deps: AppDeps): RouteDef[] {
  return [];
}
