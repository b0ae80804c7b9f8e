import { appendAudit } from '../../lib/audit/append-audit';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('audit hash chain on %s', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    for (let i = 1; i <= 5; i++) {
      await t.db.transaction((trx) =>
        appendAudit(trx, {
          actorId: i,
          action: 'test.event',
          entityType: 'letter',
          entityId: i,
          data: { i },
        }),
      );
    }
  });
  afterEach(() => t.drop());

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(t.db, 2)).toEqual({ ok: true, checked: 5 });
  });

  it('names the first row whose content was changed', async () => {
    await t.db('audit_log').where({ id: 3 }).update({ data: '{"i":99}' });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, badId: 3, reason: 'isi baris diubah' });
  });

  it('detects a row rewritten together with its own hash', async () => {
    await t
      .db('audit_log')
      .where({ id: 2 })
      .update({ action: 'test.forged', hash: 'f'.repeat(64) });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, badId: 2 });
  });

  it('detects a deleted row', async () => {
    await t.db('audit_log').where({ id: 4 }).delete();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, badId: 4, reason: 'baris hilang' });
  });

  it('detects a deleted last row', async () => {
    await t.db('audit_log').where({ id: 5 }).delete();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, badId: 5 });
  });

  it('keeps the chain whole under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction((trx) =>
          appendAudit(trx, { actorId: null, action: 'test.burst', entityType: 'x', data: { i } }),
        ),
      ),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 25 });
  });
});
