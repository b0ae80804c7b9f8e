import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../lib/config';
import { isMysql } from '../../lib/db/create-knex';
import { initCa } from '../../lib/pki/init-ca';
import { issueCertificate, type IssuedCertificate } from '../../lib/pki/issue-certificate';
import { pkiPaths } from '../../lib/pki/pki-paths';
import { FileStore } from '../../lib/storage/file-store';
import type { TestDatabase } from './test-database';

/** A passphrase only tests use; tests assert it never reaches the database, logs or errors. */
export const TEST_PASSPHRASE = 'Uji-TandaTangan#2026';
/** The lowest the configuration allows: the PKCS#12 stays real but cheap to open. */
export const TEST_P12_ITERATIONS = 10_000;
/** A head of OPD in the seeded demo regency: active, with NIP, position and OPD. */
export const TEST_SIGNER = 'kepala.diskominfo';

export interface TestPki {
  pki: Config['pki'];
  files: FileStore;
  /** What issueCertificate wants. */
  deps: { db: Knex; pki: Config['pki']; files: FileStore; publicUrl: string };
  rootPem: string;
  /** The root certificate's file, for `openssl -CAfile` and NSS. */
  rootFile: string;
}

/** The test database's PKI settings with cheap PKCS#12 derivations. */
export function testPki(t: TestDatabase): Config['pki'] {
  return { ...t.config.pki, p12KdfIterations: TEST_P12_ITERATIONS };
}

// A root key pair costs about a second, so each test file makes one CA and copies it to every database.
let template: Promise<Map<string, { bytes: Buffer; mode: number }>> | null = null;

async function makeTemplate(pki: Config['pki']) {
  await initCa(pki);
  const files = new Map<string, { bytes: Buffer; mode: number }>();
  for (const name of fs.readdirSync(pki.dir)) {
    const file = path.join(pki.dir, name);
    files.set(name, { bytes: fs.readFileSync(file), mode: fs.statSync(file).mode & 0o777 });
  }
  return files;
}

/** The regency's root CA in the test database's data dir (config.pki.dir), ready to issue. */
export async function setupTestCa(t: TestDatabase): Promise<TestPki> {
  const pki = testPki(t);
  const paths = pkiPaths(pki.dir);
  if (!fs.existsSync(paths.rootCertificate)) {
    if (!template) template = makeTemplate(pki);
    const files = await template;
    fs.mkdirSync(pki.dir, { recursive: true, mode: 0o700 });
    for (const [name, { bytes, mode }] of files) {
      const target = path.join(pki.dir, name);
      if (!fs.existsSync(target)) fs.writeFileSync(target, bytes, { mode });
    }
  }
  const files = new FileStore(t.db, t.config.filesDir);
  return {
    pki,
    files,
    deps: { db: t.db, pki, files, publicUrl: t.config.publicUrl },
    rootPem: fs.readFileSync(paths.rootCertificate, 'utf8'),
    rootFile: paths.rootCertificate,
  };
}

export async function userIdOf(db: Knex, username: string): Promise<number> {
  const row = await db('users').where({ username }).first('id');
  if (!row) throw new Error(`no user ${username}: seed the test database first`);
  return Number(row.id);
}

/** Issues a certificate to a seeded user (a head of OPD unless told otherwise), setting up the CA if needed. */
export async function issueTestCertificate(
  t: TestDatabase,
  options: { username?: string; passphrase?: string; renew?: boolean } = {},
): Promise<IssuedCertificate & { userId: number; passphrase: string; certificatePem: string }> {
  const { deps } = await setupTestCa(t);
  const userId = await userIdOf(t.db, options.username ?? TEST_SIGNER);
  const passphrase = options.passphrase ?? TEST_PASSPHRASE;
  const issued = await issueCertificate(deps, { userId, passphrase, actorId: null, renew: options.renew });
  const row = await t.db('certificates').where({ id: issued.certificateId }).first('certificate_pem');
  return { ...issued, userId, passphrase, certificatePem: row.certificate_pem };
}

/**
 * A fresh NSS database trusting `rootPem` for signing (what `pdfsig -nssdir` reads). Lives under
 * `parentDir` (e.g. the test database's data dir, removed with it) or the system temp folder.
 */
export function nssTrustStore(rootPem: string, parentDir: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parentDir, 'nss-'));
  const root = path.join(dir, 'root.crt');
  fs.writeFileSync(root, rootPem);
  runTool('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { check: true });
  runTool('certutil', ['-A', '-n', 'eoffice-root', '-t', 'CT,C,C', '-i', root, '-d', `sql:${dir}`], {
    check: true,
  });
  return dir;
}

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for tools that report on either. */
  output: string;
}

/** Runs a command-line tool (openssl, certutil, pdfsig); pass secrets through `env`, never arguments. */
export function runTool(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; input?: Buffer | string; check?: boolean } = {},
): ToolResult {
  const r = spawnSync(command, args, {
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const result = { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
  if (options.check && r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return result;
}

/**
 * Every row of every table as one text, so a test can assert a secret appears nowhere in the
 * database. Binary values are included both as hex and as latin1 text.
 */
export async function databaseText(db: Knex): Promise<string> {
  const tables: string[] = isMysql(db)
    ? (
        await db.raw(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
        )
      )[0].map((r: { name: string }) => r.name)
    : (await db('sqlite_master').where({ type: 'table' }).select('name')).map(
        (r: { name: string }) => r.name,
      );
  const parts: string[] = [];
  for (const table of tables) {
    for (const row of await db(table).select('*')) {
      for (const value of Object.values(row as Record<string, unknown>)) {
        if (Buffer.isBuffer(value)) parts.push(value.toString('hex'), value.toString('latin1'));
        else if (value !== null && value !== undefined) parts.push(String(value));
      }
    }
  }
  if (tables.length < 10)
    throw new Error(`databaseText found only ${tables.length} tables: is the DB migrated?`);
  return parts.join('\n');
}
