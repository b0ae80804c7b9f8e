import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain';
import { countRows } from '../../lib/backup/count-rows';
import { createBackup } from '../../lib/backup/create-backup';
import { dumpDatabase } from '../../lib/backup/dump-database';
import { restoreBackup } from '../../lib/backup/restore-backup';
import { unpackBackup } from '../../lib/backup/unpack-backup';
import type { BackupManifest } from '../../lib/backup/backup-format';
import { verifyUploadedPdf } from '../../lib/issued/verify-uploaded-pdf';
import { FileStore } from '../../lib/storage/file-store';
import { disposeForTest, opdPeople } from '../support/incoming';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { castMembers, diskominfoCast, driveLetter, letterBody, LettersApi } from '../support/letter-story';
import { runPdfsig } from '../support/pdf-validators';
import { TEST_PASSPHRASE } from '../support/pki';
import { requireBuiltCli } from '../support/run-stack';
import { DEMO_PASSWORD } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * "Nothing lost": a real instance (Temporal, worker, Chromium, the test CA) gets an outgoing letter
 * signed and sent, the incoming letters it delivered and a disposition; the shipped CLI writes one
 * encrypted archive of it; that archive is restored into fresh, empty instances on SQLite (in
 * process) and on MariaDB (the CLI again), and an archive of the MariaDB instance back into SQLite.
 * Each restored instance has every row of every table back unchanged (the dumps' hashes match), a
 * signed PDF that still verifies as valid and trusted (our verifier and poppler's pdfsig, against the
 * restored root), an intact audit chain and working logins. Damaged archives, a wrong passphrase, a
 * non-empty target and a foreign CA are refused before anything is written.
 */
jest.setTimeout(240_000);

const BACKUP_PASSPHRASE = 'Uji-Cadangan#Kuansing-2026';
const cast = diskominfoCast(TEST_PASSPHRASE);

let stack: LetterStack;
let work: string;
let archive: string;
let manifest: BackupManifest;
let signedSha: string;
let mysqlInstance: TestDatabase;
const targets: TestDatabase[] = [];

interface CliRun {
  code: number;
  out: string;
}

/** The compiled `eoffice` against an instance's database and data dir; never throws for an exit code. */
function eoffice(t: TestDatabase, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [requireBuiltCli(), ...args],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'error',
          DATABASE_URL: t.url,
          DATA_DIR: t.dataDir,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr });
      },
    );
  });
}

/** The dump of every table as the archive holds it: SHA-256 of each `db/<table>.jsonl`. */
async function tableDigests(db: Knex): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(work, 'dump-'));
  try {
    return (await dumpDatabase(db, dir)).members;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const dbDigests = (m: BackupManifest) =>
  Object.fromEntries(Object.entries(m.members).filter(([name]) => name.startsWith('db/')));

/** Whatever a refused restore might have touched in a target: tables, rows, files, CA. */
async function footprint(t: TestDatabase) {
  return {
    rows: await countRows(t.db),
    files: fs.existsSync(t.config.filesDir) ? fs.readdirSync(t.config.filesDir, { recursive: true }) : [],
    pki: fs.existsSync(t.config.pki.dir) ? fs.readdirSync(t.config.pki.dir) : [],
    staging: fs.readdirSync(t.dataDir).filter((n) => n.startsWith('.restore-')),
  };
}

async function emptyTarget(kind: 'sqlite' | 'mysql', migrate: boolean): Promise<TestDatabase> {
  const t = await createTestDatabase(kind, { migrate });
  targets.push(t);
  return t;
}

/** What a restored instance must show: the same rows, a valid signed PDF, the audit chain, logins. */
async function expectWorkingInstance(t: TestDatabase, m: BackupManifest = manifest): Promise<void> {
  expect(await tableDigests(t.db)).toEqual(dbDigests(m));
  expect(await countRows(t.db)).toEqual(Object.fromEntries(m.tables.map((x) => [x.name, x.rows])));
  expect(await t.db('knex_migrations').orderBy('id').pluck('name')).toEqual(m.migrations);

  const file = await new FileStore(t.db, t.config.filesDir).findBySha256(signedSha);
  const pdf = await new FileStore(t.db, t.config.filesDir).read(file!);
  const verdict = await verifyUploadedPdf(t.db, t.config.pki, pdf);
  expect(verdict.valid).toBe(true);
  expect(verdict.signers.map((s) => s.certificateStatus)).toEqual(['active']);
  const rootPem = fs.readFileSync(path.join(t.config.pki.dir, 'root.crt'), 'utf8');
  const pdfsig = await runPdfsig(pdf, rootPem);
  expect(pdfsig.signatures).toHaveLength(1);
  expect(pdfsig.signatures[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });

  const chain = await verifyAuditChain(t.db);
  expect(chain).toEqual({ ok: true, checked: m.tables.find((x) => x.name === 'audit_log')!.rows });

  const server: Server = createTestApp(t.config, t.db).listen(0);
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = (password: string) =>
      fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: cast.signer, password }),
      });
    expect((await login(DEMO_PASSWORD)).status).toBe(201);
    expect((await login('bukan-sandinya-2026')).status).toBe(401);
  } finally {
    server.close();
  }
}

beforeAll(async () => {
  requireBuiltCli();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-backup-'));
  stack = await startLetterStack();
  const api = new LettersApi(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`);
  await api.login(castMembers(cast), DEMO_PASSWORD);
  const letter = await driveLetter(api, cast, 'sent', {
    body: letterBody({ recipients: [stack.opd.DISDIK, stack.opd.DINKES] }, { subject: 'Uji Cadangan' }),
  });
  const row = await stack.t.db('letters').where({ id: letter.id }).first();
  signedSha = (await stack.t.db('files').where({ id: row.signed_file_id }).first()).sha256;
  // The delivered copy at Disdik, disposed by its head to two staff.
  const incoming = await stack.t
    .db('incoming_letters')
    .where({ letter_id: letter.id, opd_id: stack.opd.DISDIK })
    .first();
  const disdik = await opdPeople(stack.t.db, 'DISDIK');
  await disposeForTest(stack.t.db, {
    incomingId: Number(incoming.id),
    fromUserId: disdik.kepala,
    toUserIds: [disdik.staf1, disdik.staf2],
  });
});

afterAll(async () => {
  for (const t of targets) await t.drop().catch(() => undefined);
  await stack?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the CLI refuses to write an archive without a passphrase', async () => {
  const run = await eoffice(stack.t, ['backup', '--out', path.join(work, 'none.eob')]);
  expect(run.code).toBe(1);
  expect(run.out).toContain('Frasa sandi cadangan wajib diisi');
  expect(fs.existsSync(path.join(work, 'none.eob'))).toBe(false);
});

test('the CLI writes one encrypted archive of the database, the file store and the CA, and verifies it', async () => {
  archive = path.join(work, 'eoffice.eob');
  const run = await eoffice(stack.t, ['backup', '--out', archive], { BACKUP_PASSPHRASE });
  expect(run).toMatchObject({ code: 0 });
  expect(run.out).toContain(`Arsip cadangan ditulis: ${archive}`);
  expect(run.out).not.toContain(BACKUP_PASSPHRASE);

  const bytes = fs.readFileSync(archive);
  expect(bytes.subarray(0, 4).toString()).toBe('EOBK');
  // Encrypted: neither the PDF's header nor a username nor the root certificate shows through.
  for (const clear of ['%PDF-', cast.signer, 'BEGIN CERTIFICATE']) expect(bytes.includes(clear)).toBe(false);

  const passphraseFile = path.join(work, 'passphrase');
  fs.writeFileSync(passphraseFile, `${BACKUP_PASSPHRASE}\n`, { mode: 0o600 });
  const verify = await eoffice(stack.t, ['backup', 'verify', archive, '--passphrase-file', passphraseFile]);
  expect(verify).toMatchObject({ code: 0 });
  expect(verify.out).toContain('Arsip utuh');

  // The archive's manifest agrees with the live instance, row for row.
  const staging = path.join(work, 'read');
  manifest = await unpackBackup(archive, BACKUP_PASSPHRASE, staging);
  expect(dbDigests(manifest)).toEqual(await tableDigests(stack.t.db));
  expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(
    await countRows(stack.t.db),
  );
  expect(manifest.databaseClient).toBe('sqlite');
  expect(manifest.members[`files/${signedSha.slice(0, 2)}/${signedSha.slice(2, 4)}/${signedSha}`]).toBe(
    signedSha,
  );
  expect(
    Object.keys(manifest.members)
      .filter((m) => m.startsWith('pki/'))
      .sort(),
  ).toEqual(
    fs
      .readdirSync(stack.t.config.pki.dir)
      .map((n) => `pki/${n}`)
      .sort(),
  );
  expect(manifest.fileCount).toBe(
    await stack.t
      .db('files')
      .count({ n: '*' })
      .then(([r]) => Number(r.n)),
  );
  const rows = (table: string) => manifest.tables.find((t) => t.name === table)!.rows;
  for (const table of [
    'letters',
    'incoming_letters',
    'dispositions',
    'notifications',
    'document_signatures',
  ]) {
    expect({ table, rows: rows(table) > 0 }).toEqual({ table, rows: true });
  }
});

test('restore into an empty SQLite schema gives a working instance', async () => {
  const target = await emptyTarget('sqlite', true);
  const summary = await restoreBackup(target.config, target.db, archive, { passphrase: BACKUP_PASSPHRASE });
  expect(summary).toMatchObject({ tables: manifest.tables.length, files: manifest.fileCount });
  await expectWorkingInstance(target);
});

test('the CLI restores the SQLite archive into an empty MariaDB database', async () => {
  const target = await emptyTarget('mysql', false);
  const run = await eoffice(target, ['restore', archive], { BACKUP_PASSPHRASE });
  expect(run).toMatchObject({ code: 0 });
  expect(run.out).toContain('Dipulihkan dari');
  expect(run.out).toContain('Temporal');
  await expectWorkingInstance(target);
  mysqlInstance = target;
});

test('an archive of the MariaDB instance restores into SQLite with the very same rows', async () => {
  const file = path.join(work, 'from-mariadb.eob');
  const made = await createBackup(mysqlInstance.config, mysqlInstance.db, {
    passphrase: BACKUP_PASSPHRASE,
    out: file,
  });
  expect(made.manifest.databaseClient).toBe('mysql');
  // Since its own restore, logins have added sessions and audit rows: the archive holds them too.
  expect(dbDigests(made.manifest)).toEqual(await tableDigests(mysqlInstance.db));
  const target = await emptyTarget('sqlite', false);
  await restoreBackup(target.config, target.db, file, { passphrase: BACKUP_PASSPHRASE });
  await expectWorkingInstance(target, made.manifest);
});

test('restored ids are kept and the counters move past them', async () => {
  for (const target of targets) {
    const maxId = Number((await target.db('users').max({ m: 'id' }))[0].m);
    const [next] = await target.db('users').insert({
      username: 'baru.setelah.pulih',
      name: 'Pengguna Baru',
      password_hash: 'x',
      active: 1,
      created_at: new Date(),
      updated_at: new Date(),
    });
    expect({ kind: target.kind, id: Number(next) }).toEqual({ kind: target.kind, id: maxId + 1 });
  }
});

describe('refusals leave the target as it was', () => {
  const damaged = (name: string, change: (bytes: Buffer) => Buffer) => {
    const file = path.join(work, name);
    fs.writeFileSync(file, change(Buffer.from(fs.readFileSync(archive))));
    return file;
  };

  test.each([
    ['a wrong passphrase', () => archive, 'Uji-Cadangan#Salah-2026', /Frasa sandi cadangan salah/],
    [
      'a flipped byte',
      () =>
        damaged('flipped.eob', (b) => {
          b[Math.floor(b.length / 2)] ^= 0x01;
          return b;
        }),
      BACKUP_PASSPHRASE,
      /rusak atau telah diubah/,
    ],
    [
      'a truncated archive',
      () => damaged('cut.eob', (b) => b.subarray(0, b.length - 100)),
      BACKUP_PASSPHRASE,
      /terpotong/,
    ],
    [
      'a file that is no archive',
      () => damaged('other.eob', (b) => b.subarray(100)),
      BACKUP_PASSPHRASE,
      /bukan arsip/,
    ],
  ])('%s', async (_what, file, passphrase, message) => {
    const target = await emptyTarget('sqlite', false);
    const before = await footprint(target);
    await expect(restoreBackup(target.config, target.db, file(), { passphrase })).rejects.toThrow(message);
    expect(await footprint(target)).toEqual(before);
    expect(before.rows).toEqual({});
  });

  test('the CLI verify refuses a damaged archive with its message', async () => {
    const file = damaged('flipped-cli.eob', (b) => {
      b[b.length - 40] ^= 0x80;
      return b;
    });
    const run = await eoffice(stack.t, ['backup', 'verify', file], { BACKUP_PASSPHRASE });
    expect(run.code).toBe(1);
    expect(run.out).toContain('Arsip cadangan rusak atau telah diubah');
  });

  test('a database that already holds data is never overwritten', async () => {
    for (const target of [stack.t, targets[0]]) {
      const before = await footprint(target);
      const digests = await tableDigests(target.db);
      await expect(
        restoreBackup(target.config, target.db, archive, { passphrase: BACKUP_PASSPHRASE, force: true }),
      ).rejects.toThrow(/Basis data tujuan tidak kosong/);
      expect(await footprint(target)).toEqual(before);
      expect(await tableDigests(target.db)).toEqual(digests);
    }
  });

  test('an archive from newer code (an unknown migration) is refused', async () => {
    const source = await emptyTarget('sqlite', true);
    await source
      .db('knex_migrations')
      .insert({ name: '20991231000000_from-the-future', batch: 9, migration_time: new Date() });
    const file = path.join(work, 'future.eob');
    await createBackup(source.config, source.db, { passphrase: BACKUP_PASSPHRASE, out: file });
    const target = await emptyTarget('sqlite', false);
    const before = await footprint(target);
    await expect(
      restoreBackup(target.config, target.db, file, { passphrase: BACKUP_PASSPHRASE }),
    ).rejects.toThrow(/migrasi 20991231000000_from-the-future tidak dikenal/);
    expect(await footprint(target)).toEqual(before);
  });

  test('a backup refuses a file store whose file no longer matches its address', async () => {
    const source = await emptyTarget('sqlite', true);
    const stored = await new FileStore(source.db, source.config.filesDir).put(Buffer.from('%PDF-1.7 asli'), {
      mime: 'application/pdf',
    });
    const onDisk = path.join(
      source.config.filesDir,
      stored.sha256.slice(0, 2),
      stored.sha256.slice(2, 4),
      stored.sha256,
    );
    fs.chmodSync(onDisk, 0o640);
    fs.writeFileSync(onDisk, '%PDF-1.7 diubah');
    const file = path.join(work, 'altered-store.eob');
    await expect(
      createBackup(source.config, source.db, { passphrase: BACKUP_PASSPHRASE, out: file }),
    ).rejects.toThrow(`Berkas ${stored.sha256} di penyimpanan telah berubah isinya`);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  test('a file store holding other files needs --force, which adds to it and replaces nothing', async () => {
    const target = await emptyTarget('sqlite', true);
    const other = await new FileStore(target.db, target.config.filesDir).put(Buffer.from('%PDF-1.7 lain'), {
      mime: 'application/pdf',
    });
    await target.db('files').del();
    const before = await footprint(target);
    await expect(
      restoreBackup(target.config, target.db, archive, { passphrase: BACKUP_PASSPHRASE }),
    ).rejects.toThrow(/berisi 1 berkas lain; gunakan --force/);
    expect(await footprint(target)).toEqual(before);
    await restoreBackup(target.config, target.db, archive, { passphrase: BACKUP_PASSPHRASE, force: true });
    expect(await new FileStore(target.db, target.config.filesDir).read(other)).toEqual(
      Buffer.from('%PDF-1.7 lain'),
    );
    await expectWorkingInstance(target);
  });

  test('a different CA in the target is not overwritten', async () => {
    const target = await emptyTarget('sqlite', false);
    fs.mkdirSync(target.config.pki.dir, { recursive: true });
    fs.writeFileSync(path.join(target.config.pki.dir, 'root.crt'), 'CA lain\n');
    const before = await footprint(target);
    await expect(
      restoreBackup(target.config, target.db, archive, { passphrase: BACKUP_PASSPHRASE }),
    ).rejects.toThrow(/sudah berisi CA lain/);
    expect(await footprint(target)).toEqual(before);
    expect(fs.readFileSync(path.join(target.config.pki.dir, 'root.crt'), 'utf8')).toBe('CA lain\n');
  });
});
