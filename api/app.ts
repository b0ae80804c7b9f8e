import path from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import mount from 'koa-mount';
import serve from 'koa-static';
import { projectRoot } from '../lib/paths';
import { sessionPages } from '../web/routes/session-pages';
import { workPages } from '../web/routes/work-pages';
import type { AppDeps, AppState } from './context';
import { authenticate } from './middleware/authenticate';
import { countUnreadNotifications } from './middleware/count-unread-notifications';
import { handleErrors } from './middleware/handle-errors';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { httpMetrics } from './middleware/http-metrics';
import { mountRoutes, type RouteDef } from './route';
import { loadPageSettings } from '../lib/settings/load-page-settings';
import { accountRoutes } from './routes/account';
import { agendaRoutes } from './routes/agenda';
import { agendaFeedRoutes } from './routes/agenda-feed';
import { adminOpdRoutes } from './routes/admin-opd';
import { adminSettingsRoutes } from './routes/admin-settings';
import { adminUserRoutes } from './routes/admin-users';
import { delegationRoutes } from './routes/delegations';
import { signerRegistryRoutes } from './routes/signer-registry';
import { accountPages } from '../web/routes/account-pages';
import { agendaPages } from '../web/routes/agenda-pages';
import { adminOpdPages } from '../web/routes/admin-opd-pages';
import { adminSettingsPages } from '../web/routes/admin-settings-pages';
import { adminUserPages } from '../web/routes/admin-user-pages';
import { delegationPages } from '../web/routes/delegation-pages';
import { signerRegistryPages } from '../web/routes/signer-registry-pages';
import { authTokenRoutes } from './routes/auth-token';
import { directoryRoutes } from './routes/directory';
import { archiveRoutes } from './routes/archive';
import { auditRoutes } from './routes/audit';
import { staffSyncRoutes } from './routes/staff-sync';
import { adminPages } from '../web/routes/admin-pages';
import { archivePages } from '../web/routes/archive-pages';
import { auditPages } from '../web/routes/audit-pages';
import { staffSyncPages } from '../web/routes/staff-sync-pages';
import { dispositionRoutes } from './routes/dispositions';
import { eventRoutes } from './routes/events';
import { incomingRoutes } from './routes/incoming';
import { incomingPages } from '../web/routes/incoming-pages';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { certificateRoutes } from './routes/certificates';
import { letterListRoutes } from './routes/letter-lists';
import { letterPdfRoutes } from './routes/letter-pdf';
import { letterRoutes } from './routes/letters';
import { notificationRoutes } from './routes/notifications';
import { notificationPages } from '../web/routes/notification-pages';
import { openApiRoutes } from './routes/openapi';
import { pkiRoutes } from './routes/pki';
import { verificationRoutes } from './routes/verification';
import { certificatePages } from '../web/routes/certificate-pages';
import { letterComposePages } from '../web/routes/letter-compose-pages';
import { letterDetailPages } from '../web/routes/letter-detail-pages';
import { verificationPages } from '../web/routes/verification-pages';
import { helpPages } from '../web/routes/help-pages';
import { GUIDE_IMAGES_DIR } from '../lib/guide/load-user-guide';
import { taskRoutes } from './routes/tasks';
import { templateRoutes } from './routes/templates';

/** Every route of the web process, API and pages alike; the OpenAPI document is built from it. */
export function allRoutes(deps: AppDeps): RouteDef[] {
  const routes = [
    ...healthRoutes(deps),
    ...metricsRoutes(deps),
    ...authTokenRoutes(deps),
    ...directoryRoutes(deps),
    ...taskRoutes(deps),
    ...certificateRoutes(deps),
    ...templateRoutes(),
    ...letterListRoutes(deps),
    ...letterPdfRoutes(deps),
    ...letterRoutes(deps),
    ...incomingRoutes(deps),
    ...dispositionRoutes(deps),
    ...eventRoutes(deps),
    ...staffSyncRoutes(deps),
    ...auditRoutes(deps),
    ...archiveRoutes(deps),
    ...notificationRoutes(deps),
    ...accountRoutes(deps),
    // Before agendaRoutes: /api/v1/agenda/feed must not be read as an item id.
    ...agendaFeedRoutes(deps),
    ...agendaRoutes(deps),
    ...adminUserRoutes(deps),
    ...adminOpdRoutes(deps),
    ...adminSettingsRoutes(deps),
    ...delegationRoutes(deps),
    ...signerRegistryRoutes(deps),
    ...notificationPages(deps),
    ...verificationRoutes(deps),
    ...pkiRoutes(deps),
    ...verificationPages(deps),
    ...helpPages(deps),
    ...certificatePages(deps),
    ...letterComposePages(deps),
    ...letterDetailPages(deps),
    ...incomingPages(deps),
    ...adminPages(deps),
    ...staffSyncPages(deps),
    ...auditPages(deps),
    ...archivePages(deps),
    ...accountPages(deps),
    ...agendaPages(deps),
    ...adminUserPages(deps),
    ...adminOpdPages(deps),
    ...adminSettingsPages(deps),
    ...delegationPages(deps),
    ...signerRegistryPages(deps),
    ...sessionPages(deps),
    ...workPages(deps),
  ];
  return [...routes, ...openApiRoutes(routes)];
}

function staticDir(prefix: string, dir: string) {
  return mount(prefix, serve(dir, { maxage: 24 * 3600_000, gzip: false, brotli: false }));
}

export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.env === 'production' });
  const router = new Router<AppState>();
  mountRoutes(router, allRoutes(deps));
  const modules = path.join(projectRoot, 'node_modules');
  const limit = `${deps.config.bodyLimitKb}kb`;

  app.use(requestId(deps.logger));
  // Outside handleErrors, so it records the status the client finally got.
  app.use(httpMetrics());
  app.use(securityHeaders);
  app.use(handleErrors(deps.pages));
  app.use(staticDir('/static/vendor/bootstrap', path.join(modules, 'bootstrap', 'dist')));
  app.use(staticDir('/static/vendor/bootstrap-icons', path.join(modules, 'bootstrap-icons', 'font')));
  app.use(staticDir('/static/vendor/chart.js', path.join(modules, 'chart.js', 'dist')));
  app.use(staticDir('/static/vendor/quill', path.join(modules, 'quill', 'dist')));
  app.use(staticDir('/static', path.join(projectRoot, 'web', 'static')));
  app.use(staticDir('/bantuan/gambar', GUIDE_IMAGES_DIR));
  // Browsers (and Chromium's PDF viewer) ask for /favicon.ico on their own; only that path looks in
  // the folder, so other requests cost no file lookup.
  const favicon = serve(path.join(projectRoot, 'web', 'static', 'icon'), { maxage: 24 * 3600_000 });
  app.use((ctx, next) => (ctx.path === '/favicon.ico' ? favicon(ctx, next) : next()));
  app.use(
    koaBody({
      json: true,
      urlencoded: true,
      text: false,
      multipart: false,
      jsonLimit: limit,
      formLimit: limit,
      jsonStrict: true,
    }),
  );
  app.use(authenticate(deps.db));
  app.use(countUnreadNotifications(deps.db));
  app.use(loadPageSettings(deps.db));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));
  return app;
}
