#!/usr/bin/env node
import { Command } from 'commander';
import { createKnex } from '../lib/db/create-knex';
import { migrateLatest, rollbackAll } from '../lib/db/migration-source';
import { registerAuditCommands } from './commands/audit';
import { registerBackupCommands } from './commands/backup';
import { registerCreateSuperadminCommand } from './commands/create-superadmin';
import { registerReindexSearchCommand } from './commands/reindex-search';
import { fail, setup } from './commands/cli-kit';
import { prepareDatabase } from './commands/prepare-database';
import { registerStaffSyncCommands } from './commands/staff-sync';
import { runCaInit } from './commands/ca';
import { runStart } from './commands/start';
import { runVerifyPdf } from './commands/verify-pdf';
import { runWeb } from './commands/web';
import { runWorker } from './commands/worker';

const program = new Command('eoffice').description('e-Office Kabupaten Kuantan Singingi');

program
  .command('start')
  .description('run everything on this machine: Temporal (embedded unless TEMPORAL_ADDRESS), worker and web')
  .action(() => {
    const { config, logger } = setup('start');
    runStart(config, logger, __filename).catch(fail(logger));
  });

program
  .command('web')
  .description('run the web server (API and pages)')
  .action(() => {
    const { config, logger } = setup('web');
    runWeb(config, logger).catch(fail(logger));
  });

program
  .command('worker')
  .description('run the Temporal worker')
  .action(() => {
    const { config, logger } = setup('worker');
    runWorker(config, logger).catch(fail(logger));
  });

program
  .command('migrate')
  .description('apply database migrations (or undo them all with --rollback-all)')
  .option('--rollback-all', 'undo every migration')
  .action(async (opts: { rollbackAll?: boolean }) => {
    const { config, logger } = setup('migrate');
    const db = createKnex(config.database);
    try {
      const names = opts.rollbackAll ? await rollbackAll(db) : await migrateLatest(db);
      process.stdout.write(`${opts.rollbackAll ? 'Dibatalkan' : 'Diterapkan'}: ${names.length} migrasi\n`);
    } catch (err) {
      fail(logger)(err);
    } finally {
      await db.destroy();
    }
  });

program
  .command('seed')
  .description('create the demo regency (idempotent); migrates first')
  .action(async () => {
    const { config, logger } = setup('seed');
    const result = await prepareDatabase(config, logger, 'always').catch(fail(logger));
    if (result) {
      const { opdCreated, usersCreated, signersEnrolled } = result;
      process.stdout.write(
        `OPD baru: ${opdCreated}, pengguna baru: ${usersCreated}, sertifikat baru: ${signersEnrolled}\n`,
      );
    }
  });

const ca = program.command('ca').description('the regency’s certificate authority');
ca.command('init')
  .description('create the root CA (idempotent); its key is stored encrypted with CA_KEY_SECRET')
  .action(() => {
    const { config, logger } = setup('ca');
    runCaInit(config, logger).catch(fail(logger));
  });

program
  .command('verify-pdf <file>')
  .description('check a signed PDF: signatures, chain to the regency root, revocation, issued by e-Office')
  .action((file: string) => {
    const { config, logger } = setup('verify-pdf');
    runVerifyPdf(config, file)
      .then((code) => process.exit(code))
      .catch(fail(logger));
  });

registerAuditCommands(program);
registerBackupCommands(program);
registerCreateSuperadminCommand(program);
registerReindexSearchCommand(program);
registerStaffSyncCommands(program);

program.parseAsync().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
