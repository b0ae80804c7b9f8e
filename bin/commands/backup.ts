import type { Command } from 'commander';
import type { Config } from '../../lib/config';
import { createKnex, type Knex } from '../../lib/db/create-knex';
import { BackupError } from '../../lib/backup/backup-error';
import type { BackupManifest } from '../../lib/backup/backup-format';
import { createBackup } from '../../lib/backup/create-backup';
import { readBackupPassphrase } from '../../lib/backup/read-backup-passphrase';
import { restoreBackup } from '../../lib/backup/restore-backup';
import { unpackBackup } from '../../lib/backup/unpack-backup';
import { fail, setup } from './cli-kit';

const PASSPHRASE_HELP = 'read the archive passphrase from this file (default: BACKUP_PASSPHRASE)';
const TEMPORAL_NOTE =
  'Catatan: riwayat alur kerja Temporal tidak termasuk dalam arsip (disimpan di basis data Temporal ' +
  'dan dicadangkan oleh pengelolanya); surat yang masih berjalan tidak memiliki alur kerja setelah pemulihan.';

/** Runs one backup command; a refusal prints its message and exits 1, anything else is logged. */
function run(name: string, work: (config: Config, db: Knex) => Promise<string[]>): void {
  const { config, logger } = setup(name);
  const db = createKnex(config.database);
  work(config, db)
    .then((lines) => process.stdout.write(`${lines.join('\n')}\n`))
    .catch((err) => {
      if (!(err instanceof BackupError)) return fail(logger)(err);
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    })
    .finally(() => db.destroy());
}

function summary(m: BackupManifest): string[] {
  const rows = m.tables.reduce((sum, t) => sum + t.rows, 0);
  const pki = Object.keys(m.members).filter((k) => k.startsWith('pki/'));
  return [
    `Dibuat  : ${m.createdAt} oleh e-Office ${m.eofficeVersion} (basis data ${m.databaseClient})`,
    `Isi     : ${m.tables.length} tabel, ${rows} baris, ${m.fileCount} berkas, ${pki.length} berkas CA`,
    `Migrasi : ${m.migrations.length} (terakhir ${m.migrations.at(-1) ?? '-'})`,
  ];
}

export function registerBackupCommands(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      'write one encrypted archive of the database, the file store and the CA material ' +
        '(not Temporal’s workflow histories: back up Temporal’s own database for those)',
    )
    .option('--out <file>', 'the archive to write (default: DATA_DIR/backups/eoffice-<UTC stamp>.eob)')
    .option('--passphrase-file <file>', PASSPHRASE_HELP)
    .action((opts: { out?: string; passphraseFile?: string }) =>
      run('backup', async (config, db) => {
        const passphrase = readBackupPassphrase(opts.passphraseFile, process.env, 'create');
        const { file, manifest } = await createBackup(config, db, { passphrase, out: opts.out });
        return [`Arsip cadangan ditulis: ${file}`, ...summary(manifest), TEMPORAL_NOTE];
      }),
    );

  backup
    .command('verify <file>')
    .description('decrypt an archive and check every member against its manifest, without restoring')
    .option('--passphrase-file <file>', PASSPHRASE_HELP)
    // The option is also the parent's, and commander gives it to the parent when both know it.
    .action((file: string, _opts: unknown, command: Command) =>
      run('backup', async () => {
        const { passphraseFile } = command.optsWithGlobals<{ passphraseFile?: string }>();
        const manifest = await unpackBackup(file, readBackupPassphrase(passphraseFile, process.env, 'open'));
        return [`Arsip utuh: ${file}`, ...summary(manifest)];
      }),
    );

  program
    .command('restore <file>')
    .description(
      'build a working instance from an archive into an EMPTY database (never overwrites data); ' +
        'Temporal’s workflow histories are not in the archive',
    )
    .option(
      '--force',
      'also restore into a file store holding files the archive lacks (added to, nothing replaced)',
    )
    .option('--passphrase-file <file>', PASSPHRASE_HELP)
    .action((file: string, opts: { force?: boolean; passphraseFile?: string }) =>
      run('restore', async (config, db) => {
        const passphrase = readBackupPassphrase(opts.passphraseFile, process.env, 'open');
        const r = await restoreBackup(config, db, file, { passphrase, force: opts.force });
        return [
          `Dipulihkan dari ${file}:`,
          ...summary(r.manifest),
          `Ditulis : ${r.tables} tabel, ${r.rows} baris, ${r.files} berkas, CA: ${r.pki.join(', ') || '-'}`,
          TEMPORAL_NOTE,
        ];
      }),
    );
}
