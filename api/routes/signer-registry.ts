import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

// Stub: filled in by this session's work on issue 6.
export function signerRegistryRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
