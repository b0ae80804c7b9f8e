import { z } from 'zod';
import { countAgendaItems } from '../../lib/agenda/count-agenda-items';
import { findExpiringCertificate } from '../../lib/certificates/find-expiring-certificate';
import { countTasks } from '../../lib/tasks/count-tasks';
import { listTasks } from '../../lib/tasks/list-tasks';
import { TASK_KINDS, type TaskKind } from '../../lib/tasks/task-queries';
import { listUsers } from '../../lib/users/list-users';
import { NotFoundError } from '../../lib/errors';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { visibleTaskKinds } from '../navigation';
import { pagerOf } from '../pager';
import { computeStatistics } from '../../lib/archive/compute-statistics';
import { CHART_SCRIPTS, statisticsView } from './archive-pages';

export const TASK_LABELS: Record<TaskKind, { title: string; empty: string; icon: string }> = {
  verify: {
    title: 'Perlu Diverifikasi',
    empty: 'Tidak ada surat yang menunggu verifikasi Anda.',
    icon: 'check2-square',
  },
  number: { title: 'Perlu Penomoran', empty: 'Tidak ada surat yang menunggu nomor.', icon: '123' },
  sign: {
    title: 'Perlu Ditandatangani',
    empty: 'Tidak ada surat yang menunggu tanda tangan Anda.',
    icon: 'pen',
  },
  incoming: {
    title: 'Surat Masuk Baru',
    empty: 'Tidak ada surat masuk yang belum diagendakan.',
    icon: 'inbox',
  },
  disposition: {
    title: 'Disposisi untuk Saya',
    empty: 'Tidak ada disposisi yang menunggu tindak lanjut Anda.',
    icon: 'diagram-3',
  },
};

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  q: z.string().trim().max(100).optional(),
});
const PAGE_SIZE = 25;

export function workPages({ db, pages }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/',
      access: ANY_USER,
      summary: 'Dashboard: the task counters for the caller’s roles and their agenda counters.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const counters = await countTasks(db, actor);
        const cards = visibleTaskKinds(actor.roles).map((kind) => ({
          kind,
          ...TASK_LABELS[kind],
          count: counters[kind],
          href: `/tugas/${kind}`,
        }));
        // The bagian umum and the superadmin also see their OPD's (or every OPD's) last six months.
        const showStats =
          actor.roles.includes('superadmin') || (actor.roles.includes('admin_opd') && actor.opdId !== null);
        const stats = showStats ? statisticsView(await computeStatistics(db, actor, {})) : null;
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'dashboard', {
          title: 'Beranda',
          cards,
          overdue: counters.overdue,
          agenda: await countAgendaItems(db, actor),
          expiringCertificate: await findExpiringCertificate(db, actor.id),
          stats,
          scripts: stats ? CHART_SCRIPTS : [],
        });
      },
    },
    {
      method: 'get',
      path: '/tugas/:kind',
      access: ANY_USER,
      summary: 'One kind of task waiting for the caller.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const kind = ctx.params.kind as TaskKind;
        if (!TASK_KINDS.includes(kind) || !visibleTaskKinds(actor.roles).includes(kind))
          throw new NotFoundError();
        const { page } = parseInput(pageQuery, ctx.query);
        const result = await listTasks(db, actor, kind, { page, pageSize: PAGE_SIZE });
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'tasks', {
          title: TASK_LABELS[kind].title,
          label: TASK_LABELS[kind],
          ...result,
          pager: pagerOf(page, result.total, PAGE_SIZE, (p) => `?page=${p}`),
        });
      },
    },
    {
      method: 'get',
      path: '/pegawai',
      access: ANY_USER,
      summary: 'People of the caller’s OPD (every OPD for a superadmin).',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const { page, q } = parseInput(pageQuery, ctx.query);
        const result = await listUsers(db, actor, { page, pageSize: PAGE_SIZE, q });
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'people', {
          title: 'Pegawai',
          q,
          ...result,
          pager: pagerOf(
            page,
            result.total,
            PAGE_SIZE,
            (p) => `?page=${p}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
          ),
        });
      },
    },
  ];
}
