import { migrateLatest, rollbackAll, MigrationSource } from '../../lib/db/migration-source';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

const CORE_TABLES = [
  'opd',
  'users',
  'user_roles',
  'auth_sessions',
  'login_attempts',
  'files',
  'certificates',
  'letters',
  'letter_versions',
  'letter_steps',
  'letter_recipients',
  'incoming_letters',
  'dispositions',
  'notifications',
  'number_register',
  'audit_log',
  'audit_head',
  'documents',
  'document_signatures',
];

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(() => t.drop());

  it('go up to the core schema, all the way down, and up again', async () => {
    const files = await new MigrationSource().getMigrations();
    const applied = await migrateLatest(t.db);
    expect(applied).toHaveLength(files.length);
    for (const table of CORE_TABLES) expect(await t.db.schema.hasTable(table)).toBe(true);
    expect(await migrateLatest(t.db)).toEqual([]);

    const undone = await rollbackAll(t.db);
    expect(undone).toHaveLength(files.length);
    for (const table of CORE_TABLES) expect(await t.db.schema.hasTable(table)).toBe(false);

    expect(await migrateLatest(t.db)).toHaveLength(files.length);
    expect(await t.db('audit_head').first()).toMatchObject({ last_id: 0, last_hash: '0'.repeat(64) });
  });

  it('refuses a second number with the same OPD, year and sequence', async () => {
    const now = new Date();
    const [opdId] = await t
      .db('opd')
      .insert({ code: 'X', name: 'X', short_name: 'X', created_at: now, updated_at: now });
    const [userId] = await t.db('users').insert({
      opd_id: opdId,
      username: 'u',
      name: 'U',
      password_hash: 'h',
      created_at: now,
      updated_at: now,
    });
    const row = { opd_id: opdId, year: 2026, sequence: 27, created_by: userId, created_at: now };
    await t.db('number_register').insert({ ...row, number: '000.1.2/27/X/2026' });
    const duplicate = async () => t.db('number_register').insert({ ...row, number: '000.1.3/27/X/2026' });
    // Not toThrow: better-sqlite3's error class comes from whichever test file loaded the addon first,
    // so it fails jest's same-realm `instanceof Error` check.
    await expect(duplicate()).rejects.toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
  });
});
