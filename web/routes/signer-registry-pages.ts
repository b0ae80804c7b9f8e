import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

// Stub: filled in by this session's work on issue 6.
export function signerRegistryPages(_deps: AppDeps): RouteDef[] {
  return [];
}
