import type { Next } from 'koa';
import { AccountLockedError, AppError, ServiceUnavailableError } from '../../lib/errors';
import type { PageRenderer } from '../../web/render';
import { isApiRequest, type AppContext } from '../context';

interface HttpishError {
  status?: number;
  expose?: boolean;
  type?: string;
}

/** Messages for errors thrown by Koa and the body parser before our code runs. */
function frameworkError(err: HttpishError): AppError | undefined {
  if (!err.status || err.status < 400 || err.status >= 500) return undefined;
  if (err.status === 413) return new AppError(413, 'payload_too_large', 'Data yang dikirim terlalu besar.');
  if (err.status === 415) return new AppError(415, 'unsupported_media_type', 'Jenis data tidak didukung.');
  if (err.type === 'entity.parse.failed' || err.status === 400) {
    return new AppError(400, 'malformed_body', 'Format data tidak dapat dibaca (JSON tidak valid).');
  }
  return new AppError(err.status, 'bad_request', 'Permintaan tidak valid.');
}

/** Walks an error and its causes (drivers and SDKs wrap them), a few levels deep. */
function someCause(err: unknown, test: (e: Error & { code?: unknown; fatal?: unknown }) => boolean): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (test(e)) return true;
  return false;
}

/** Codes of a write that met another and was given up: MariaDB's deadlock and lock wait, SQLite's busy. */
const LOCK_CONFLICTS = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
]);

/**
 * A service that cannot be reached, or is busy, rather than a bug. The database: no pooled connection
 * within knex's acquire timeout (KnexTimeoutError), a server shutting down, or a connection mysql2
 * marks `fatal` (refused, lost, timed out); busy when it gave a write up on a lock. Temporal: no
 * connection within the client's connect timeout, or gRPC status UNAVAILABLE (14) on a call.
 */
function unavailableService(err: unknown): ServiceUnavailableError | undefined {
  if (
    someCause(
      err,
      (e) => e.name === 'KnexTimeoutError' || e.code === 'ER_SERVER_SHUTDOWN' || e.fatal === true,
    )
  )
    return new ServiceUnavailableError('database');
  if (someCause(err, (e) => e.message === 'Failed to connect before the deadline' || e.code === 14))
    return new ServiceUnavailableError('workflow');
  if (someCause(err, (e) => LOCK_CONFLICTS.has(String(e.code)))) return new ServiceUnavailableError('busy');
  return undefined;
}

/**
 * The one place where errors become HTTP responses: JSON `{error:{code,message}}` for the API, an
 * Indonesian error page for the browser, never a stack trace. Unexpected errors are logged.
 */
export function handleErrors(pages: PageRenderer) {
  return async (ctx: AppContext, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined)
        throw new AppError(404, 'not_found', 'Halaman tidak ditemukan.');
    } catch (raw) {
      const err =
        raw instanceof AppError ? raw : (unavailableService(raw) ?? frameworkError(raw as HttpishError));
      const known =
        err ?? new AppError(500, 'internal_error', 'Terjadi kesalahan pada server. Silakan coba lagi.');
      if (!err) ctx.state.log?.error({ err: raw }, 'unhandled error');
      else if (known instanceof ServiceUnavailableError)
        ctx.state.log?.warn({ err: raw, service: known.service }, 'service unavailable');
      ctx.status = known.status;
      if (known instanceof AccountLockedError || known instanceof ServiceUnavailableError)
        ctx.set('Retry-After', String(known.retryAfterSeconds));
      if (isApiRequest(ctx) || !ctx.accepts('html')) {
        ctx.body = {
          error: {
            code: known.code,
            message: known.message,
            ...(known.details ? { details: known.details } : {}),
          },
        };
        return;
      }
      // A browser without a session goes to the login page; a bearer token that no longer counts gets
      // the 401 itself (redirected, it would be refused again at /login, in a loop).
      if (known.status === 401 && !ctx.get('authorization')) {
        ctx.redirect(ctx.method === 'GET' ? `/login?next=${encodeURIComponent(ctx.originalUrl)}` : '/login');
        return;
      }
      ctx.type = 'html';
      ctx.body = pages.render(ctx, 'error', {
        title: `Galat ${known.status}`,
        status: known.status,
        message: known.message,
      });
    }
  };
}
