import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { createKnex } from '../../lib/db/create-knex';
import { AppError } from '../../lib/errors';
import { createStaffSyncRun } from '../../lib/staff-sync/create-staff-sync-run';
import { failStaffSyncRun } from '../../lib/staff-sync/fail-staff-sync-run';
import { runStaffSync } from '../../lib/staff-sync/run-staff-sync';
import type { StaffSyncReport } from '../../lib/staff-sync/staff-sync-types';
import { storeStaffExport } from '../../lib/staff-sync/store-staff-export';
import { FileStore } from '../../lib/storage/file-store';
import { fail, setup } from './cli-kit';

function printReport(runId: number, report: StaffSyncReport): void {
  const lines = [
    `Sinkronisasi #${runId} selesai: ${report.total} baris`,
    `  baru: ${report.created}, diperbarui: ${report.updated}, tidak berubah: ${report.unchanged}`,
    `  dinonaktifkan: ${report.deactivated}, ditolak: ${report.rejected}`,
    ...report.rejections.map((r) => `  baris ${r.row} (NIP ${r.nip || '-'}): ${r.reason}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `eoffice staff-sync [--file export.csv|.xlsx]`: one sync right here, without Temporal; prints the report. */
export function registerStaffSyncCommands(program: Command): void {
  program
    .command('staff-sync')
    .description(
      'sync civil servants from SMART (SMART_URL) or from an exported CSV/XLSX file, and print the report',
    )
    .option('--file <export>', 'an exported CSV or XLSX file instead of SMART')
    .action(async (opts: { file?: string }) => {
      const { config, logger } = setup('staff-sync');
      const db = createKnex(config.database);
      let runId: number | null = null;
      try {
        const files = new FileStore(db, config.filesDir);
        if (opts.file) {
          const bytes = await fs.readFile(opts.file);
          const stored = await storeStaffExport(files, {
            bytes,
            originalName: path.basename(opts.file),
            uploadedBy: null,
          });
          runId = await createStaffSyncRun(db, {
            source: stored.source,
            fileId: stored.fileId,
            triggeredBy: null,
          });
        } else {
          runId = await createStaffSyncRun(db, { source: 'smart', triggeredBy: null });
        }
        printReport(runId, await runStaffSync({ db, files, config }, runId));
      } catch (err) {
        if (runId !== null) {
          await failStaffSyncRun(
            db,
            runId,
            err instanceof AppError ? err.message : 'Sinkronisasi gagal karena galat sistem.',
          );
        }
        if (err instanceof AppError) {
          process.stderr.write(`${err.message}\n`);
          process.exitCode = 1;
        } else {
          fail(logger)(err);
        }
      } finally {
        await db.destroy();
      }
    });
}
