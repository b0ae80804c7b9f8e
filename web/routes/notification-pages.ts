import { z } from 'zod';
import { NotFoundError } from '../../lib/errors';
import { getNotificationPreferences } from '../../lib/notifications/get-notification-preferences';
import { listNotifications } from '../../lib/notifications/list-notifications';
import { markNotificationsRead } from '../../lib/notifications/mark-notifications-read';
import { setNotificationPreferences } from '../../lib/notifications/set-notification-preferences';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { pagerOf } from '../pager';

const PAGE_SIZE = 20;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).default(1) });
// An unchecked checkbox sends nothing: absent means off.
const preferenceForm = z.object({ emailEnabled: z.literal('1').optional() });

/**
 * "Notifikasi": what e-Office told the person (tasks, reminders, returns, deliveries), newest first,
 * and whether they also want each one by e-mail.
 */
export function notificationPages({ db, pages }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/notifikasi',
      access: ANY_USER,
      summary: 'The caller’s notifications.',
      handler: async (ctx) => {
        const { page } = parseInput(pageQuery, ctx.query);
        const { user } = requireAuth(ctx);
        const [result, preferences] = await Promise.all([
          listNotifications(db, user.id, { page, pageSize: PAGE_SIZE }),
          getNotificationPreferences(db, user.id),
        ]);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'notifications', {
          title: 'Notifikasi',
          ...result,
          preferences,
          email: user.email || null,
          saved: ctx.query.info === 'tersimpan',
          pager: pagerOf(page, result.total, PAGE_SIZE, (p) => `?page=${p}`),
        });
      },
    },
    {
      method: 'post',
      path: '/notifikasi/preferensi',
      access: ANY_USER,
      summary: 'Whether the caller also gets each notification by e-mail.',
      handler: async (ctx) => {
        const { emailEnabled } = parseInput(preferenceForm, ctx.request.body);
        await setNotificationPreferences(db, requireAuth(ctx).user.id, {
          emailEnabled: emailEnabled === '1',
        });
        ctx.redirect('/notifikasi?info=tersimpan');
      },
    },
    {
      method: 'post',
      path: '/notifikasi/baca',
      access: ANY_USER,
      summary: 'Mark all of the caller’s notifications read.',
      handler: async (ctx) => {
        await markNotificationsRead(db, requireAuth(ctx).user.id);
        ctx.redirect('/notifikasi');
      },
    },
    {
      method: 'post',
      path: '/notifikasi/:id/buka',
      access: ANY_USER,
      summary: 'Open a notification: mark it read and go where it points.',
      handler: async (ctx) => {
        const userId = requireAuth(ctx).user.id;
        const id = Number(ctx.params.id);
        const row = Number.isInteger(id)
          ? await db('notifications').where({ id, user_id: userId }).first()
          : null;
        if (!row) throw new NotFoundError('Notifikasi tidak ditemukan.');
        await markNotificationsRead(db, userId, [id]);
        ctx.redirect(typeof row.link === 'string' && row.link.startsWith('/') ? row.link : '/notifikasi');
      },
    },
  ];
}
