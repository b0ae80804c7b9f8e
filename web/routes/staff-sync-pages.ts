import { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { AppError } from '../../lib/errors';
import { rolesOnly } from '../../lib/rbac/policy';
import { findStaffSyncRun } from '../../lib/staff-sync/find-staff-sync-run';
import { listStaffSyncRuns } from '../../lib/staff-sync/list-staff-sync-runs';
import { startStaffSync } from '../../lib/staff-sync/start-staff-sync';
import { storeStaffExport } from '../../lib/staff-sync/store-staff-export';
import { XLSX_MIME } from '../../lib/storage/detect-file-type';
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
export function staffSyncPages({ db, config, files, pages, temporalClient }: AppDeps): RouteDef[] {
  const showForm = async (ctx: AppContext, page: number, uploadError?: string) => {
    const runs = await listStaffSyncRuns(db, { page, pageSize: PAGE_SIZE });
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'staff-sync', {
      title: 'Sinkronisasi Data Pegawai',
      smartConfigured: Boolean(config.smart.url),
      maxMb: Math.round(config.uploadMaxBytes / 1048576),
      uploadError,
      runs: runs.items.map(shown),
      pager: pagerOf(page, runs.total, PAGE_SIZE, (p) => `?page=${p}`),
      scripts: [SCRIPT],
    });
  };
  return [
    {
      method: 'get',
      path: '/admin/smart',
      access: SUPERADMIN,
      summary: 'Staff sync: start one, and the history of runs.',
      handler: (ctx) => showForm(ctx, parseInput(pageQuery, ctx.query).page),
    },
    {
      method: 'post',
      path: '/admin/smart/unggah',
      access: SUPERADMIN,
      upload: { field: 'file', maxBytes: config.uploadMaxBytes, types: ['text/csv', XLSX_MIME] },
      summary: 'Start a sync from an uploaded CSV or XLSX export (multipart `file`), then show its run.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        let runId: number;
        try {
          const { fileId, source } = await storeStaffExport(files, {
            ...ctx.state.upload!,
            uploadedBy: actor.id,
          });
          runId = await startStaffSync(db, temporalClient, config, {
            source,
            fileId,
            triggeredBy: actor.id,
          });
        } catch (err) {
          // A plain form gets the page back with the reason; the page's script asks for JSON instead.
          if (!(err instanceof AppError) || !ctx.accepts('html')) throw err;
          ctx.status = err.status;
          return showForm(ctx, 1, err.message);
        }
        ctx.redirect(`/admin/smart/proses/${runId}`);
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
