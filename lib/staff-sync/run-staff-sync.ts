import type { Knex } from 'knex';
import type { Config } from '../config';
import { NotFoundError } from '../errors';
import type { FileStore } from '../storage/file-store';
import { applyStaffSync } from './apply-staff-sync';
import { fetchSmartExport } from './fetch-smart-export';
import { finishStaffSyncRun } from './finish-staff-sync-run';
import { mapStaffRow } from './map-staff-row';
import { parseStaffExport } from './parse-staff-export';
import type { StaffSyncReport, StaffSyncSource } from './staff-sync-types';
import { validateStaffRows } from './validate-staff-rows';

export interface StaffSyncDeps {
  db: Knex;
  files: FileStore;
  config: Config;
}

/**
 * Runs one queued sync to its report: reads the export (from SMART, or the uploaded file in the file
 * store), validates every row, applies the valid ones and stores the report. Failures propagate: the
 * caller (the workflow after its retries, or the CLI) records the run as failed.
 */
export async function runStaffSync(
  { db, files, config }: StaffSyncDeps,
  runId: number,
  heartbeat: () => void = () => {},
): Promise<StaffSyncReport> {
  const run = await db('staff_sync_runs').where({ id: runId }).first();
  if (!run) throw new NotFoundError('Proses sinkronisasi tidak ditemukan.');
  const source = run.source as StaffSyncSource;
  await db('staff_sync_runs').where({ id: runId }).update({ status: 'running' });
  const bytes =
    source === 'smart'
      ? await fetchSmartExport(config.smart)
      : await files.read(await files.get(run.file_id));
  heartbeat();
  const raw = await parseStaffExport(bytes, source);
  const rows = raw.map((r, i) => mapStaffRow(r, i, config.smart.fieldMap));
  const opds: { id: number; code: string }[] = await db('opd').select('id', 'code');
  const validated = validateStaffRows(rows, new Map(opds.map((o) => [o.code.toUpperCase(), Number(o.id)])));
  await db('staff_sync_runs').where({ id: runId }).update({ total: rows.length });
  const counts = await applyStaffSync(db, validated, {
    runId,
    actorId: run.triggered_by ?? null,
    onProgress: async (processed) => {
      heartbeat();
      await db('staff_sync_runs')
        .where({ id: runId })
        .update({ processed: processed + validated.rejections.length });
    },
  });
  const report = { ...counts, rejections: validated.rejections };
  await finishStaffSyncRun(db, runId, report);
  return report;
}
