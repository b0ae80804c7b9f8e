import { z } from 'zod';
import { rolesOnly } from '../../lib/rbac/policy';
import { findStaffSyncRun } from '../../lib/staff-sync/find-staff-sync-run';
import { listStaffSyncRuns } from '../../lib/staff-sync/list-staff-sync-runs';
import { startStaffSync } from '../../lib/staff-sync/start-staff-sync';
import { storeStaffExport } from '../../lib/staff-sync/store-staff-export';
import { XLSX_MIME } from '../../lib/storage/detect-file-type';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams, recordId } from '../../lib/validation/record-id';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const SUPERADMIN = rolesOnly('superadmin');
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The staff sync, for the superadmin: start one (from SMART or an upload), follow it, read the history. */
export function staffSyncRoutes({ db, files, config, temporalClient }: AppDeps): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/v1/staff-sync',
      access: SUPERADMIN,
      summary:
        'Start a staff sync from SMART; answers 202 `{runId}` (follow it at /api/v1/staff-sync/runs/:id).',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const runId = await startStaffSync(db, temporalClient, config, {
          source: 'smart',
          triggeredBy: actor.id,
        });
        ctx.status = 202;
        ctx.body = { runId };
      },
    },
    {
      method: 'post',
      path: '/api/v1/staff-sync/upload',
      access: SUPERADMIN,
      upload: { field: 'file', maxBytes: config.uploadMaxBytes, types: ['text/csv', XLSX_MIME] },
      summary:
        'Start a staff sync from an exported file: multipart `file`, CSV or XLSX; answers 202 `{runId}`.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const { bytes, originalName } = ctx.state.upload!;
        const { fileId, source } = await storeStaffExport(files, {
          bytes,
          originalName,
          uploadedBy: actor.id,
        });
        const runId = await startStaffSync(db, temporalClient, config, {
          source,
          fileId,
          triggeredBy: actor.id,
        });
        ctx.status = 202;
        ctx.body = { runId };
      },
    },
    {
      method: 'get',
      path: '/api/v1/staff-sync/runs',
      access: SUPERADMIN,
      input: { query: listQuery },
      summary: 'Staff sync runs, newest first (`page`, `pageSize`).',
      handler: async (ctx) => {
        ctx.body = await listStaffSyncRuns(db, parseInput(listQuery, ctx.query));
      },
    },
    {
      method: 'get',
      path: '/api/v1/staff-sync/runs/:id',
      access: SUPERADMIN,
      input: { params: idParams },
      summary: 'One staff sync run: status, progress, counts and each rejected row with its reason.',
      handler: async (ctx) => {
        ctx.body = await findStaffSyncRun(db, parseInput(recordId, ctx.params.id));
      },
    },
  ];
}
