import request from 'supertest';
import { createFirstSuperadmin } from '../../lib/users/create-first-superadmin';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database';

/**
 * A production instance starts without demo people: the first superadmin is made once, with a one-time
 * password that only opens the password change; while an active superadmin exists it is refused.
 */
describe.each(DATABASE_KINDS)('the first superadmin on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('is created once, audited without the password, and must change the password first', async () => {
    const deps = { db: t.db, auth: t.config.auth };
    await expect(createFirstSuperadmin(deps, { username: '1abc', name: 'X' })).rejects.toMatchObject({
      status: 400,
    });
    const { id, temporaryPassword } = await createFirstSuperadmin(deps, {
      username: 'Admin.Kominfo',
      name: 'Admin Diskominfo',
    });
    expect(temporaryPassword).toMatch(/^[\w]{4}(-[\w]{4}){3}$/);
    const user = await t.db('users').where({ id }).first();
    expect(user).toMatchObject({ username: 'admin.kominfo', opd_id: null });
    expect(Boolean(user.must_change_password)).toBe(true);
    expect(await t.db('user_roles').where({ user_id: id }).pluck('role')).toEqual(['superadmin']);
    const audit = await t.db('audit_log').where({ action: 'user.create', entity_id: String(id) });
    expect(audit).toHaveLength(1);
    expect(audit[0].data).not.toContain(temporaryPassword);

    const second = createFirstSuperadmin(deps, { username: 'lain', name: 'Lain' });
    await expect(second).rejects.toMatchObject({ status: 409 });
    expect(await t.db('users').count({ n: '*' })).toEqual([{ n: 1 }]);

    const server = createTestApp(t.config, t.db).listen(0);
    try {
      const login = await request(server)
        .post('/api/v1/auth/token')
        .send({ username: 'admin.kominfo', password: temporaryPassword });
      expect(login.status).toBe(201);
      const blocked = await request(server)
        .get('/api/v1/admin/users')
        .set('Authorization', `Bearer ${login.body.token}`);
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
    } finally {
      server.close();
    }
  });
});
