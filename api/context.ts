import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { ParameterizedContext } from 'koa';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { User } from '../lib/models/user';
import type { Actor } from '../lib/rbac/policy';
import type { SessionRow } from '../lib/auth/sessions';
import type { BrowserPool } from '../lib/pdf/browser-pool';
import type { FileStore } from '../lib/storage/file-store';
import type { PageRenderer } from '../web/render';
import type { Upload } from './middleware/parse-upload';

/** Everything the HTTP layer needs, passed in so tests can build an app around their own database. */
export interface AppDeps {
  config: Config;
  db: Knex;
  files: FileStore;
  /** Chromium for PDF previews; it starts on the first render. */
  pdf: BrowserPool;
  logger: Logger;
  pages: PageRenderer;
  temporalClient: () => Promise<Client>;
}

export interface Auth {
  actor: Actor;
  user: User;
  session: SessionRow;
  via: 'cookie' | 'bearer';
}

export interface AppState {
  requestId: string;
  log: Logger;
  auth?: Auth;
  upload?: Upload;
  /** Pages only: unread notifications, for the navbar. */
  unreadNotifications?: number;
}

export type AppContext = ParameterizedContext<AppState>;

export const SESSION_COOKIE = 'eoffice_session';
export const LOGIN_CSRF_COOKIE = 'eoffice_login_csrf';

export function isApiRequest(ctx: AppContext): boolean {
  return ctx.path.startsWith('/api/');
}

export function requireAuth(ctx: AppContext): Auth {
  if (!ctx.state.auth) throw new Error('route reached without authentication');
  return ctx.state.auth;
}
