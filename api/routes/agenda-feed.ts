import { z } from 'zod';
import { agendaFeedUrl } from '../../lib/agenda/agenda-feed-url';
import { agendaWeekOf } from '../../lib/agenda/agenda-week-of';
import { agendaWeekStart } from '../../lib/agenda/agenda-week-start';
import { createAgendaFeedToken } from '../../lib/agenda/create-agenda-feed-token';
import { findAgendaFeed } from '../../lib/agenda/find-agenda-feed';
import { loadAgendaViewer } from '../../lib/agenda/load-agenda-viewer';
import { loadAgendaWeek } from '../../lib/agenda/load-agenda-week';
import { renderAgendaFeed } from '../../lib/agenda/render-agenda-feed';
import { renderAgendaWeek } from '../../lib/agenda/render-agenda-week';
import { revokeAgendaFeedToken } from '../../lib/agenda/revoke-agenda-feed-token';
import { NotFoundError } from '../../lib/errors';
import { ANY_USER, PUBLIC } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { blank } from '../../lib/validation/form-filters';

/** What newSecretToken makes: 32 random bytes in base64url. Anything else is not looked up. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const weekQuery = z.object({
  unit: z.string().trim().max(200, 'paling panjang 200 karakter').optional(),
  minggu: z.preprocess(
    blank,
    z
      .string()
      .refine((w) => agendaWeekStart(w) !== null, 'pekan ISO yang sah, mis. 2026-W49')
      .optional(),
  ),
  opd: z.preprocess(blank, z.coerce.number().int().positive('harus id yang sah').optional()),
});

const NOTICES: Record<string, string> = {
  dicabut: 'Alamat langganan kalender Anda telah dicabut. Kalender yang memakainya tidak lagi diperbarui.',
};

/**
 * The agenda's exports: each person's private iCalendar feed (API, the public `.ics` address behind
 * its token, and the "Langganan Kalender" page), and a division's weekly agenda as a PDF.
 */
export function agendaFeedRoutes({ db, config, files, pdf, pages }: AppDeps): RouteDef[] {
  const ownerOf = (ctx: AppContext) => {
    const { actor } = requireAuth(ctx);
    return { id: actor.id, opdId: actor.opdId };
  };

  async function showSubscription(ctx: AppContext, extra: Record<string, unknown> = {}) {
    const feed = await findAgendaFeed(db, requireAuth(ctx).actor.id);
    const confirm = String(ctx.query.aksi ?? '');
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'agenda-feed', {
      title: 'Langganan Kalender',
      feed,
      confirmRenew: feed.active && confirm === 'baru',
      confirmRevoke: feed.active && confirm === 'cabut',
      notice: NOTICES[String(ctx.query.info ?? '')],
      ...extra,
    });
  }

  return [
    {
      method: 'get',
      path: '/api/v1/agenda/feed',
      access: ANY_USER,
      summary: 'Whether the caller has a private calendar feed address, and since when (never the address).',
      handler: async (ctx) => {
        ctx.body = await findAgendaFeed(db, requireAuth(ctx).actor.id);
      },
    },
    {
      method: 'post',
      path: '/api/v1/agenda/feed',
      access: ANY_USER,
      summary:
        'Makes a new private iCalendar feed address for the caller (shown only now); the old one stops working.',
      handler: async (ctx) => {
        const { token, createdAt } = await createAgendaFeedToken(db, ownerOf(ctx));
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 201;
        ctx.body = { url: agendaFeedUrl(config.publicUrl, token), createdAt };
      },
    },
    {
      method: 'delete',
      path: '/api/v1/agenda/feed',
      access: ANY_USER,
      summary: 'Revokes the caller’s calendar feed address: calendar apps using it get 404 from then on.',
      handler: async (ctx) => {
        ctx.body = { active: false, revoked: await revokeAgendaFeedToken(db, ownerOf(ctx)) };
      },
    },
    {
      method: 'get',
      path: '/ical/:token.ics',
      access: PUBLIC,
      summary: 'A person’s agenda as an iCalendar feed; the private token in the address is the only key.',
      handler: async (ctx) => {
        const token = String(ctx.params.token);
        if (!FEED_TOKEN.test(token))
          throw new NotFoundError('Alamat kalender tidak ditemukan atau sudah dicabut.');
        const calendar = await renderAgendaFeed(db, config.publicUrl, token);
        ctx.set('Cache-Control', 'private, no-cache');
        ctx.set('Referrer-Policy', 'no-referrer');
        ctx.type = 'text/calendar; charset=utf-8';
        ctx.body = calendar;
      },
    },
    {
      method: 'get',
      path: '/agenda/langganan',
      access: ANY_USER,
      summary: 'How to subscribe to one’s agenda from a phone calendar; make or revoke the private address.',
      handler: (ctx) => showSubscription(ctx),
    },
    {
      method: 'post',
      path: '/agenda/langganan',
      access: ANY_USER,
      summary: 'Makes a new private calendar address and shows it once; the old one stops working.',
      handler: async (ctx) => {
        const { token } = await createAgendaFeedToken(db, ownerOf(ctx));
        // Shown once: never cached by the browser or a proxy.
        ctx.set('Cache-Control', 'no-store');
        await showSubscription(ctx, { feedUrl: agendaFeedUrl(config.publicUrl, token) });
      },
    },
    {
      method: 'post',
      path: '/agenda/langganan/cabut',
      access: ANY_USER,
      summary: 'Revokes one’s calendar address.',
      handler: async (ctx) => {
        await revokeAgendaFeedToken(db, ownerOf(ctx));
        ctx.redirect('/agenda/langganan?info=dicabut');
      },
    },
    {
      method: 'get',
      path: '/agenda/pekan.pdf',
      access: ANY_USER,
      summary:
        'A division’s agenda of one ISO week as an A4 PDF (?minggu=2026-W49, unit= for the head or admin_opd, opd= for a superadmin).',
      handler: async (ctx) => {
        const query = parseInput(weekQuery, ctx.query);
        const week = query.minggu ?? agendaWeekOf(new Date());
        const viewer = await loadAgendaViewer(db, requireAuth(ctx).actor);
        const data = await loadAgendaWeek({ db, files }, viewer, {
          opdId: query.opd,
          unit: query.unit,
          week,
          start: agendaWeekStart(week)!,
        });
        const body = await renderAgendaWeek(pdf, data);
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', `inline; filename="agenda-${week}.pdf"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = body;
      },
    },
  ];
}
