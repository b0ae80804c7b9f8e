import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context';

/** The token from the X-CSRF-Token header or a form's `_csrf` field. */
export function submittedCsrfToken(ctx: AppContext): string | undefined {
  const header = ctx.get('x-csrf-token');
  if (header) return header;
  const body = ctx.request.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

export function csrfTokenMatches(ctx: AppContext, expected: string | null | undefined): boolean {
  const given = submittedCsrfToken(ctx);
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
