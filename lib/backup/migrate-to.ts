import type { Knex } from 'knex';
import { MigrationSource, migrationConfig } from '../db/migration-source';
import { BackupError } from './backup-error';

/**
 * Brings an empty database to exactly the archive's schema: the migrations it lists, no more. Refuses
 * an archive from newer code (a migration this code does not know) and a target already past it.
 */
export async function migrateTo(db: Knex, wanted: string[]): Promise<void> {
  const source = new MigrationSource();
  const known = (await source.getMigrations()).map((f) => source.getMigrationName(f));
  const unknown = wanted.filter((name, i) => known[i] !== name);
  if (unknown.length > 0) {
    throw new BackupError(
      `Arsip dibuat oleh versi e-Office yang lebih baru atau berbeda: migrasi ${unknown[0]} tidak dikenal. Pasang versi yang sesuai.`,
    );
  }
  const applied: string[] = (await db.schema.hasTable('knex_migrations'))
    ? await db('knex_migrations').orderBy('id').pluck('name')
    : [];
  if (applied.some((name, i) => wanted[i] !== name)) {
    throw new BackupError('Skema basis data tujuan lebih baru daripada arsip; gunakan basis data kosong.');
  }
  for (let done = applied.length; done < wanted.length; done++) await db.migrate.up(migrationConfig);
}
