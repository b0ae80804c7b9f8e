import fs from 'node:fs/promises';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';
import { z } from 'zod';
import { AppError, ValidationError } from '../../lib/errors';
import { rolesOnly } from '../../lib/rbac/policy';
import { findStaffSyncRun } from '../../lib/staff-sync/find-staff-sync-run';
import { listStaffSyncRuns } from '../../lib/staff-sync/list-staff-sync-runs';
import { startStaffSync } from '../../lib/staff-sync/start-staff-sync';
import { storeStaffExport } from '../../lib/staff-sync/store-staff-export';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const SUPERADMIN = rolesOnly('superadmin');
const id = z.coerce.number().int().positive();
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * The export in the multipart field `file`. Read here rather than by the route's `upload` spec, whose
 * types are the PDF/image uploads; a browser sends its CSRF token in the X-CSRF-Token header.
 */
async function readExportFile(
  ctx: AppContext,
  maxBytes: number,
): Promise<{ bytes: Buffer; originalName: string }> {
  if (!ctx.is('multipart')) throw new ValidationError('Unggahan harus dikirim sebagai multipart/form-data.');
  const tooLarge = new AppError(
    413,
    'file_too_large',
    `Berkas terlalu besar (maksimal ${Math.round(maxBytes / 1048576)} MB).`,
  );
  await koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: { maxFileSize: maxBytes, maxFiles: 1, allowEmptyFiles: true, minFileSize: 0 },
    onError: (err) => {
      throw /maxFileSize|exceeded/i.test(err.message)
        ? tooLarge
        : new ValidationError('Unggahan tidak dapat dibaca. Kirim sebagai multipart/form-data.');
    },
  })(ctx as never, async () => {});
  const all = Object.values(ctx.request.files ?? {}).flat() as File[];
  try {
    const given = ctx.request.files?.file;
    const file = Array.isArray(given) ? given[0] : given;
    if (!file || file.size === 0)
      throw new ValidationError('Pilih berkas ekspor CSV atau XLSX (kolom "file").');
    return {
      bytes: await fs.readFile(file.filepath),
      originalName: (file.originalFilename ?? '').replace(/[/\\]/g, '_').slice(0, 255),
    };
  } finally {
    await Promise.all(all.map((f) => fs.rm(f.filepath, { force: true })));
  }
}

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
      summary:
        'Start a staff sync from an exported file: multipart `file`, CSV or XLSX; answers 202 `{runId}`.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const upload = await readExportFile(ctx, config.uploadMaxBytes);
        const { fileId, source } = await storeStaffExport(files, { ...upload, uploadedBy: actor.id });
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
      summary: 'Staff sync runs, newest first (`page`, `pageSize`).',
      handler: async (ctx) => {
        ctx.body = await listStaffSyncRuns(db, parseInput(listQuery, ctx.query));
      },
    },
    {
      method: 'get',
      path: '/api/v1/staff-sync/runs/:id',
      access: SUPERADMIN,
      summary: 'One staff sync run: status, progress, counts and each rejected row with its reason.',
      handler: async (ctx) => {
        ctx.body = await findStaffSyncRun(db, parseInput(id, ctx.params.id));
      },
    },
  ];
}
