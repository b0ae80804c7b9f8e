import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKnex } from '../db/create-knex';
import { countRows } from './count-rows';
import { migrateTo } from './migrate-to';

/**
 * The rows the migrations themselves insert (the audit chain's genesis head, the classification
 * codes), counted on a scratch SQLite database migrated to `migrations`: a target holding only
 * these is still an empty instance.
 */
export async function countMigrationRows(migrations: string[]): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-restore-baseline-'));
  const scratch = createKnex({ client: 'sqlite', filename: path.join(dir, 'baseline.sqlite') });
  try {
    await migrateTo(scratch, migrations);
    return await countRows(scratch);
  } finally {
    await scratch.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
