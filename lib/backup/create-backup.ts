import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import * as tar from 'tar';
import type { Config } from '../config';
import { projectRoot } from '../paths';
import { BackupError } from './backup-error';
import {
  BACKUP_FORMAT_VERSION,
  MANIFEST_MEMBER,
  PKI_MEMBERS,
  fileMember,
  type BackupManifest,
} from './backup-format';
import { createEncryptStream } from './create-encrypt-stream';
import { dumpDatabase } from './dump-database';
import { listStoredFiles } from './list-stored-files';
import { sha256File } from './sha256-file';

export interface CreateBackupOptions {
  passphrase: string;
  /** The archive to write; by default `DATA_DIR/backups/eoffice-<UTC stamp>.eob`. */
  out?: string;
}

/**
 * Writes one encrypted archive of the database, the file store and the CA material (format in
 * backup-format.ts and backup-cipher.ts). The file appears under its name only when complete.
 */
export async function createBackup(
  config: Config,
  db: Knex,
  options: CreateBackupOptions,
): Promise<{ file: string; manifest: BackupManifest }> {
  const backupsDir = path.join(config.dataDir, 'backups');
  fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.resolve(options.out ?? path.join(backupsDir, `eoffice-${stamp}.eob`));
  if (fs.existsSync(file)) throw new BackupError(`Berkas ${file} sudah ada; arsip tidak ditimpa.`);
  const staging = fs.mkdtempSync(path.join(backupsDir, '.staging-'));
  const partial = `${file}.partial`;
  try {
    const dump = await dumpDatabase(db, staging);
    const members: Record<string, string> = { ...dump.members };
    // Files are stored before their row is committed, so every row of the dump has its file by now.
    const stored = listStoredFiles(config.filesDir);
    const present = new Set(stored);
    const missing = (await db('files').pluck('sha256')).filter((sha: string) => !present.has(sha));
    if (missing.length > 0) {
      throw new BackupError(
        `Penyimpanan berkas tidak lengkap: ${missing.length} berkas hilang (mis. ${missing[0]}).`,
      );
    }
    for (const sha of stored) {
      const actual = await sha256File(path.join(config.filesDir, fileMember(sha).slice('files/'.length)));
      if (actual !== sha)
        throw new BackupError(`Berkas ${sha} di penyimpanan telah berubah isinya; cadangan dibatalkan.`);
      members[fileMember(sha)] = sha;
    }
    for (const name of PKI_MEMBERS) {
      const source = path.join(config.pki.dir, name);
      if (fs.existsSync(source)) members[`pki/${name}`] = await sha256File(source);
    }
    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      eofficeVersion: JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version,
      createdAt: new Date().toISOString(),
      databaseClient: config.database.client,
      migrations: dump.migrations,
      tables: dump.tables,
      fileCount: stored.length,
      members,
    };
    fs.writeFileSync(path.join(staging, MANIFEST_MEMBER), JSON.stringify(manifest, null, 2));
    // The store and the CA folder are packed in place (through links), not copied first.
    if (fs.existsSync(config.filesDir)) fs.symlinkSync(config.filesDir, path.join(staging, 'files'));
    if (fs.existsSync(config.pki.dir)) fs.symlinkSync(config.pki.dir, path.join(staging, 'pki'));
    await pipeline(
      tar.c({ cwd: staging, portable: true }, [MANIFEST_MEMBER, ...Object.keys(members)]),
      await createEncryptStream(options.passphrase),
      fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
    );
    fs.renameSync(partial, file);
    return { file, manifest };
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
