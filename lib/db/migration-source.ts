import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

type Migration = Knex.Migration;

/**
 * Finds migrations beside the running code (TypeScript sources under jest, dist/ in production) and
 * names them without their extension, so both record the same rows in knex_migrations.
 */
export class MigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir = path.resolve(__dirname, '..', '..', 'migrations')) {}

  async getMigrations(): Promise<string[]> {
    return fs
      .readdirSync(this.dir)
      .filter((f) => /^\d{14}_[a-z0-9-]+\.(js|ts)$/.test(f))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(js|ts)$/, '');
  }

  async getMigration(file: string): Promise<Migration> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(this.dir, file)) as Migration;
  }
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new MigrationSource(),
  tableName: 'knex_migrations',
};

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

export async function rollbackAll(db: Knex): Promise<string[]> {
  const [, undone] = (await db.migrate.rollback(migrationConfig, true)) as [number, string[]];
  return undone;
}
