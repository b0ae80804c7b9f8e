import type { Command } from 'commander';
import { checkAuditChain } from '../../lib/audit/check-audit-chain';
import { createKnex } from '../../lib/db/create-knex';
import { fail, setup } from './cli-kit';

/** `eoffice audit verify`: exit 0 when the chain is whole, 1 naming the first bad row otherwise. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the audit hash chain and name the first altered, missing or out-of-order row')
    .action(async () => {
      const { config, logger } = setup('audit');
      const db = createKnex(config.database);
      try {
        const report = await checkAuditChain(db);
        process.stdout.write(`${report.message}\n`);
        process.exitCode = report.ok ? 0 : 1;
      } catch (err) {
        fail(logger)(err);
      } finally {
        await db.destroy();
      }
    });
}
