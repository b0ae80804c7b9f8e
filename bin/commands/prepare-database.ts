import type { Config } from '../../lib/config';
import { createKnex } from '../../lib/db/create-knex';
import { migrateLatest } from '../../lib/db/migration-source';
import type { Logger } from '../../lib/logger';
import { enrolDemoSigners } from '../../lib/seed/enrol-demo-signers';
import { seedDemo, type SeedResult } from '../../lib/seed/seed-demo';

/** Migrates, and on an empty database seeds the demo regency when SEED_DEMO allows it. */
export async function prepareDatabase(
  config: Config,
  logger: Logger,
  seed: 'if-empty' | 'always' | 'never',
): Promise<(SeedResult & { signersEnrolled: number }) | null> {
  const db = createKnex(config.database);
  try {
    const applied = await migrateLatest(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const [{ n }] = await db('users').count({ n: '*' });
    if (seed === 'always' || (seed === 'if-empty' && Number(n) === 0)) {
      const result = await seedDemo(db, {
        password: config.demo.password,
        hashMemoryKib: config.auth.passwordHashMemoryKib,
      });
      const signers = await enrolDemoSigners(db, config);
      logger.info({ ...result, signersEnrolled: signers }, 'demo regency seeded');
      return { ...result, signersEnrolled: signers };
    }
    return null;
  } finally {
    await db.destroy();
  }
}
