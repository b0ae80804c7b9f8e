import { z } from 'zod';
import { requireAuth, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { rolesOnly } from '../../lib/rbac/policy';
import { findStaffSyncRun } from '../../lib/staff-sync/find-staff-sync-run';
import { listStaffSyncRuns } from '../../lib/staff-sync/list-staff-sync-runs';
import { startStaffSync } from '../../lib/staff-sync/start-staff-sync';
import type { StaffSyncRunView } from '../../lib/staff-sync/to-staff-sync-run-view';
import { parseInput } from '../../lib/validation/parse-input';
import { pagerOf } from '../pager';

const SUPERADMIN = rolesOnly('superadmin');
const PAGE_SIZE = 20;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).default(1) });
const SCRIPT = '/static/js/staff-sync-progress.js';
const STATUS_LABELS = { queued: 'Menunggu', running: 'Berjalan', finished: 'Selesai', failed: 'Gagal' };
const STATUS_STYLES = { queued: 'secondary', running: 'info', finished: 'success', failed: 'danger' };
const SOURCE_LABELS = { smart: 'SMART', csv: 'Berkas CSV', xlsx: 'Berkas XLSX' };

const shown = (run: StaffSyncRunView) => ({
  ...run,
  statusLabel: STATUS_LABELS[run.status],
  statusStyle: STATUS_STYLES[run.status],
  sourceLabel: SOURCE_LABELS[run.source],
  startedAt: new Date(run.startedAt),
  finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
  inProgress: run.status === 'queued' || run.status === 'running',
});

/** "Sinkronisasi Data Pegawai": start a sync from SMART or an export, follow it, read the history. */
export function staffSyncPages({ db, config, pages, temporalClient }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/admin/smart',
      access: SUPERADMIN,
      summary: 'Staff sync: start one, and the history of runs.',
      handler: async (ctx) => {
        const { page } = parseInput(pageQuery, ctx.query);
        const runs = await listStaffSyncRuns(db, { page, pageSize: PAGE_SIZE });
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'staff-sync', {
          title: 'Sinkronisasi Data Pegawai',
          smartConfigured: Boolean(config.smart.url),
          maxMb: Math.round(config.uploadMaxBytes / 1048576),
          runs: runs.items.map(shown),
          pager: pagerOf(page, runs.total, PAGE_SIZE, (p) => `?page=${p}`),
          scripts: [SCRIPT],
        });
      },
    },
    {
      method: 'post',
      path: '/admin/smart/sinkronkan',
      access: SUPERADMIN,
      summary: 'Start a sync from SMART, then show its run.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const runId = await startStaffSync(db, temporalClient, config, {
          source: 'smart',
          triggeredBy: actor.id,
        });
        ctx.redirect(`/admin/smart/proses/${runId}`);
      },
    },
    {
      method: 'get',
      path: '/admin/smart/proses/:id',
      access: SUPERADMIN,
      summary: 'One run: progress while it runs, then its report and rejected rows.',
      handler: async (ctx) => {
        const run = shown(
          await findStaffSyncRun(db, parseInput(z.coerce.number().int().positive(), ctx.params.id)),
        );
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'staff-sync-run', {
          title: `Sinkronisasi #${run.id}`,
          run,
          scripts: [SCRIPT],
        });
      },
    },
  ];
}
