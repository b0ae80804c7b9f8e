import type { Next } from 'koa';
import type { AppContext } from '../context';

/** One year: browsers then refuse plain http to this host for that long. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Pages load only e-Office's own scripts and styles; no framing by other sites. HSTS only when the
 * request came over TLS (in production that is the reverse proxy's X-Forwarded-Proto, which Koa trusts
 * there alone): sent over plain http it would be meaningless, and it must never lock out an http install.
 */
export async function securityHeaders(ctx: AppContext, next: Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
  );
  if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
  await next();
}
