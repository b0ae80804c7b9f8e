import { hashAuditEntry, type AuditFields } from '../../lib/audit/hash-audit-entry';

const base: AuditFields = {
  id: 7,
  occurredAt: new Date('2026-11-28T01:02:03.456Z'),
  actorId: 3,
  opdId: 2,
  action: 'letter.approve',
  entityType: 'letter',
  entityId: '41',
  data: '{"version":2}',
  prevHash: 'a'.repeat(64),
};

describe('hashAuditEntry', () => {
  it('is a stable SHA-256 of the row', () => {
    expect(hashAuditEntry(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEntry({ ...base })).toBe(hashAuditEntry(base));
  });

  it.each<[string, Partial<AuditFields>]>([
    ['id', { id: 8 }],
    ['time', { occurredAt: new Date('2026-11-28T01:02:03.457Z') }],
    ['actor', { actorId: 4 }],
    ['actor removed', { actorId: null }],
    ['opd', { opdId: 5 }],
    ['action', { action: 'letter.return' }],
    ['entity type', { entityType: 'user' }],
    ['entity id', { entityId: '42' }],
    ['data', { data: '{"version":3}' }],
    ['previous hash', { prevHash: 'b'.repeat(64) }],
  ])('changes when the %s changes', (_name, change) => {
    expect(hashAuditEntry({ ...base, ...change })).not.toBe(hashAuditEntry(base));
  });
});
