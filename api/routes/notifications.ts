import { z } from 'zod';
import { getNotificationPreferences } from '../../lib/notifications/get-notification-preferences';
import { listNotifications } from '../../lib/notifications/list-notifications';
import { markNotificationsRead } from '../../lib/notifications/mark-notifications-read';
import { setNotificationPreferences } from '../../lib/notifications/set-notification-preferences';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['0', '1']).optional(),
});
const readBody = z.object({ ids: z.array(z.number().int().positive()).max(500).optional() });
const preferencesBody = z.object({ emailEnabled: z.boolean({ message: 'isi true atau false' }) });

export function notificationRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/notifications',
      access: ANY_USER,
      input: { query: listQuery },
      summary: 'The caller’s notifications, newest first, with the unread count.',
      handler: async (ctx) => {
        const q = parseInput(listQuery, ctx.query);
        ctx.body = await listNotifications(db, requireAuth(ctx).user.id, {
          ...q,
          unreadOnly: q.unread === '1',
        });
      },
    },
    {
      method: 'post',
      path: '/api/v1/notifications/read',
      access: ANY_USER,
      input: { body: readBody },
      summary: 'Mark the given notifications (or all) read.',
      handler: async (ctx) => {
        const { ids } = parseInput(readBody, ctx.request.body);
        ctx.body = { marked: await markNotificationsRead(db, requireAuth(ctx).user.id, ids) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/notification-preferences',
      access: ANY_USER,
      summary: 'The caller’s notification preferences: `{emailEnabled}`.',
      handler: async (ctx) => {
        ctx.body = await getNotificationPreferences(db, requireAuth(ctx).user.id);
      },
    },
    {
      method: 'put',
      path: '/api/v1/notification-preferences',
      access: ANY_USER,
      input: { body: preferencesBody },
      summary: 'Set whether the caller also receives notifications by e-mail `{emailEnabled}`.',
      handler: async (ctx) => {
        const prefs = parseInput(preferencesBody, ctx.request.body);
        await setNotificationPreferences(db, requireAuth(ctx).user.id, prefs);
        ctx.body = await getNotificationPreferences(db, requireAuth(ctx).user.id);
      },
    },
  ];
}
