import type { Command } from 'commander';
import { createKnex } from '../../lib/db/create-knex';
import { rebuildSearchIndex } from '../../lib/search/rebuild-search-index';
import { fail, setup } from './cli-kit';

/**
 * `eoffice reindex-search [--since TIME]`: the archive search's word index built again, of every
 * letter or of those changed since TIME (after an upgrade: the time `eoffice migrate` ran, so that what
 * the previous release's web and workers wrote meanwhile is found too).
 */
export function registerReindexSearchCommand(program: Command): void {
  program
    .command('reindex-search')
    .description("rebuild the archive search's word index (of letters changed since --since, if given)")
    .option('--since <time>', 'only letters changed from this time on, e.g. 2026-11-29T08:00:00+07:00')
    .action(async (opts: { since?: string }) => {
      const since = opts.since === undefined ? undefined : new Date(opts.since);
      if (since && Number.isNaN(since.getTime())) {
        process.stderr.write(
          `--since: "${opts.since}" bukan waktu yang sah (contoh 2026-11-29T08:00:00+07:00).\n`,
        );
        process.exitCode = 2;
        return;
      }
      const { config, logger } = setup('reindex-search');
      const db = createKnex(config.database);
      try {
        const counts = await rebuildSearchIndex(db, { since });
        process.stdout.write(`Diindeks ulang: ${counts.keluar} surat keluar, ${counts.masuk} surat masuk\n`);
      } catch (err) {
        fail(logger)(err);
      } finally {
        await db.destroy();
      }
    });
}
