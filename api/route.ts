import type Router from '@koa/router';
import type { Next } from 'koa';
import type { z } from 'zod';
import { CsrfError, ForbiddenError, UnauthenticatedError } from '../lib/errors';
import { isAllowed, type Access } from '../lib/rbac/policy';
import type { AppContext, AppState } from './context';
import { csrfTokenMatches } from './middleware/csrf';
import { parseUpload, type UploadSpec } from './middleware/parse-upload';

export interface RouteDef {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** Required: every route states who may call it, so nothing is reachable by default. */
  access: Access;
  summary: string;
  /** A route that takes a file declares it; the upload lands in ctx.state.upload. */
  upload?: UploadSpec;
  /**
   * The schemas the handler parses its input with, declared here so the OpenAPI document describes
   * them (objects; each query and path property becomes a parameter). The handler still parses.
   */
  input?: RouteInput;
  /**
   * The record-level check, where it can be made from the path and the caller alone: run before the
   * upload and before the handler reads its input, so a caller without access gets its 403/404 and
   * never a 400 that tells them the route's input (the handler's own checks still hold).
   */
  authorize?: (ctx: AppContext) => unknown;
  handler: (ctx: AppContext, next: Next) => unknown;
}

export interface RouteInput {
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps each handler with the access check (the role, then the record's), the upload (if any) and, for
 * cookie sessions, the CSRF check, which comes after the upload because a multipart form carries its
 * token in a field.
 */
export function mountRoutes(router: Router<AppState>, routes: RouteDef[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (ctx, next) => {
      const auth = ctx.state.auth;
      if (!isAllowed(auth?.actor ?? null, route.access)) {
        throw auth ? new ForbiddenError() : new UnauthenticatedError();
      }
      await route.authorize?.(ctx);
      if (route.upload) ctx.state.upload = await parseUpload(ctx, route.upload);
      if (auth?.via === 'cookie' && !SAFE.has(ctx.method) && !csrfTokenMatches(ctx, auth.session.csrfToken)) {
        throw new CsrfError();
      }
      await route.handler(ctx, next);
    });
  }
}
