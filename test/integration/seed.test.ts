import { User } from '../../lib/models/user';
import { seedDemo } from '../../lib/seed/seed-demo';
import { DEMO_OPDS } from '../../lib/seed/demo-regency';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('demo seed on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.drop());

  it('creates the regency once, and a second run changes nothing', async () => {
    const first = await seedDemo(t.db, { password: 'Sandi-Uji#1', hashMemoryKib: 1024 });
    expect(first).toEqual({ opdCreated: DEMO_OPDS.length, usersCreated: DEMO_OPDS.length * 8 + 1 });
    const snapshot = await t
      .db('users')
      .orderBy('id')
      .select('id', 'username', 'nip', 'password_hash', 'superior_id');
    const auditRows = await t.db('audit_log').count({ n: '*' });

    const second = await seedDemo(t.db, { password: 'Sandi-Lain#2', hashMemoryKib: 1024 });
    expect(second).toEqual({ opdCreated: 0, usersCreated: 0 });
    expect(
      await t.db('users').orderBy('id').select('id', 'username', 'nip', 'password_hash', 'superior_id'),
    ).toEqual(snapshot);
    expect(await t.db('audit_log').count({ n: '*' })).toEqual(auditRows);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 1 });
  });

  it('gives every OPD its admin, secretary, head, two verifiers and three staff with valid NIPs', async () => {
    const users = await User.query(t.db).withGraphFetched('[roles, opd, superior]');
    for (const opd of DEMO_OPDS) {
      const staff = users.filter((u) => u.opd?.code === opd.code && u.username !== 'superadmin');
      const withRole = (r: string) => staff.filter((u) => u.roleNames.includes(r as never));
      expect(withRole('admin_opd')).toHaveLength(1);
      expect(withRole('penandatangan')).toHaveLength(1);
      expect(withRole('verifikator')).toHaveLength(2);
      expect(staff.filter((u) => u.username.startsWith('staf'))).toHaveLength(3);
      const secretary = staff.find((u) => u.username.startsWith('sekretaris.'));
      const head = withRole('penandatangan')[0];
      // The incoming-letter chain follows superiors: admin → secretary → head.
      expect(withRole('admin_opd')[0].superiorId).toBe(secretary?.id);
      expect(secretary?.superiorId).toBe(head.id);
    }
    for (const u of users) {
      expect(u.nip).toMatch(
        /^(19[6-9]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d)(19|20)\d{2}(0[1-9]|1[0-2])[12]\d{3}$/,
      );
      expect(u.roleNames).toContain('asn');
    }
    expect(new Set(users.map((u) => u.nip)).size).toBe(users.length);
    const superadmin = users.find((u) => u.username === 'superadmin');
    expect(superadmin?.roleNames).toContain('superadmin');
  });
});
