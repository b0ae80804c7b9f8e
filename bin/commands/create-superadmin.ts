import type { Command } from 'commander';
import { createKnex } from '../../lib/db/create-knex';
import { AppError } from '../../lib/errors';
import { migrateLatest } from '../../lib/db/migration-source';
import { createFirstSuperadmin } from '../../lib/users/create-first-superadmin';
import { fail, setup } from './cli-kit';

/**
 * `eoffice create-superadmin --username U --name "N"`: the first administrator of an instance without
 * demo data; prints the temporary password once (to stdout only, never to the log).
 */
export function registerCreateSuperadminCommand(program: Command): void {
  program
    .command('create-superadmin')
    .description('create the first superadmin (only while none is active); prints a one-time password')
    .requiredOption('--username <username>', 'login name, e.g. admin.kominfo')
    .requiredOption('--name <name>', 'full name')
    .action(async (opts: { username: string; name: string }) => {
      const { config, logger } = setup('create-superadmin');
      const db = createKnex(config.database);
      try {
        await migrateLatest(db);
        const { temporaryPassword } = await createFirstSuperadmin({ db, auth: config.auth }, opts);
        process.stdout.write(
          `Superadmin ${opts.username.trim().toLowerCase()} dibuat.\n` +
            `Kata sandi sementara (hanya ditampilkan sekali, wajib diganti saat masuk): ${temporaryPassword}\n`,
        );
      } catch (err) {
        if (!(err instanceof AppError)) fail(logger)(err);
        process.stderr.write(`${(err as AppError).message}\n`);
        process.exitCode = 1;
      } finally {
        await db.destroy();
      }
    });
}
