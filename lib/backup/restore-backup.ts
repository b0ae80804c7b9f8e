import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { BackupError } from './backup-error';
import { fileMember, type BackupManifest } from './backup-format';
import { countMigrationRows } from './count-migration-rows';
import { countRows } from './count-rows';
import { listStoredFiles } from './list-stored-files';
import { loadDatabase } from './load-database';
import { migrateTo } from './migrate-to';
import { unpackBackup } from './unpack-backup';

export interface RestoreOptions {
  passphrase: string;
  /** Also restore into a file store holding files the archive does not have (added, never replaced). */
  force?: boolean;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  files: number;
  pki: string[];
}

const SECRET_PKI = new Set(['root.key', 'ca-key.secret']);

/**
 * Builds an instance from an archive. It never destroys data: the target database must be empty (no
 * tables, or a schema of the archive's migrations or fewer holding only the rows those migrations
 * insert, which the archive's own versions then replace), a CA already in `pki.dir` must be
 * the archive's own, and the file store must hold no file foreign to the archive unless `force`. Everything is decrypted and
 * checked before the first write.
 */
export async function restoreBackup(
  config: Config,
  db: Knex,
  file: string,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(config.dataDir, '.restore-'));
  try {
    const manifest = await unpackBackup(file, options.passphrase, staging);
    const baseline = await countMigrationRows(manifest.migrations);
    const occupied = Object.entries(await countRows(db)).find(([table, n]) => n > (baseline[table] ?? 0));
    if (occupied) {
      throw new BackupError(
        `Basis data tujuan tidak kosong (tabel ${occupied[0]} berisi ${occupied[1]} baris). Pemulihan tidak pernah menimpa data: gunakan basis data kosong.`,
      );
    }
    const members = Object.keys(manifest.members);
    const pki = members.filter((m) => m.startsWith('pki/')).map((m) => m.slice('pki/'.length));
    for (const name of pki) {
      const target = path.join(config.pki.dir, name);
      if (
        fs.existsSync(target) &&
        !fs.readFileSync(target).equals(fs.readFileSync(path.join(staging, 'pki', name)))
      ) {
        throw new BackupError(
          `Folder CA ${config.pki.dir} sudah berisi CA lain (${name} berbeda); tidak ditimpa.`,
        );
      }
    }
    // Files of this very archive (left by an attempt that failed later) are no reason to stop.
    const foreign = listStoredFiles(config.filesDir).filter((sha) => !manifest.members[fileMember(sha)]);
    if (!options.force && foreign.length > 0) {
      throw new BackupError(
        `Penyimpanan berkas ${config.filesDir} berisi ${foreign.length} berkas lain; gunakan --force untuk menambahkan berkas arsip ke dalamnya.`,
      );
    }
    await migrateTo(db, manifest.migrations);
    const files = members.filter((m) => m.startsWith('files/'));
    for (const member of files)
      place(path.join(staging, member), path.join(config.filesDir, member.slice(6)), 0o440);
    fs.mkdirSync(config.pki.dir, { recursive: true, mode: 0o700 });
    for (const name of pki) {
      place(
        path.join(staging, 'pki', name),
        path.join(config.pki.dir, name),
        SECRET_PKI.has(name) ? 0o600 : 0o644,
      );
    }
    await loadDatabase(
      db,
      staging,
      manifest.tables,
      Object.keys(baseline).filter((table) => baseline[table] > 0),
    );
    const counts = await countRows(db);
    const wrong = manifest.tables.find((t) => counts[t.name] !== t.rows);
    if (wrong) {
      throw new BackupError(
        `Tabel ${wrong.name}: ${counts[wrong.name] ?? 0} baris dipulihkan, arsip memuat ${wrong.rows}.`,
      );
    }
    return {
      manifest,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
      files: files.length,
      pki,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves a checked member into place, unless identical bytes are already there (content-addressed). */
function place(from: string, to: string, mode: number): void {
  if (fs.existsSync(to)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.chmodSync(from, mode);
  try {
    fs.renameSync(from, to);
  } catch (err) {
    // The file store and the CA may be separate volumes (docker-compose): a rename cannot cross them.
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, to);
    fs.chmodSync(to, mode);
    fs.unlinkSync(from);
  }
}
