import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../../lib/config';
import { createKnex } from '../../lib/db/create-knex';
import { migrateLatest } from '../../lib/db/migration-source';

export type DatabaseKind = 'sqlite' | 'mysql';
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'mysql'];

/** The MariaDB server the tests use; each test file gets a database of its own on it. */
const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  dataDir: string;
  config: Config;
  db: Knex;
  drop(): Promise<void>;
}

/** Test configuration: quiet logs and a cheap password hash, otherwise the real defaults. */
export function testConfig(env: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: 'silent', PASSWORD_HASH_MEMORY_KIB: '1024', NODE_ENV: 'test', ...env });
}

/** A fresh, empty database of the given kind (migrated unless asked not to). */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean; env?: Record<string, string> } = {},
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-test-'));
  let url: string;
  let dropServerSide = async () => {};
  if (kind === 'mysql') {
    const name = `eoffice_test_${randomBytes(6).toString('hex')}`;
    const admin = await createConnection(MYSQL_SERVER);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    url = `${MYSQL_SERVER}/${name}`;
    dropServerSide = async () => {
      const conn = await createConnection(MYSQL_SERVER);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    };
  } else {
    url = `sqlite:${path.join(dataDir, 'eoffice.sqlite')}`;
  }
  const config = testConfig({ DATABASE_URL: url, DATA_DIR: dataDir, ...options.env });
  const db = createKnex(config.database);
  if (options.migrate !== false) await migrateLatest(db);
  return {
    kind,
    url,
    dataDir,
    config,
    db,
    async drop() {
      await db.destroy();
      await dropServerSide();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
