import { ForbiddenError } from '../../lib/errors';
import { ANY_USER, PUBLIC, isAllowed, rolesOnly, scopeToOpd, type Actor } from '../../lib/rbac/policy';

const asn: Actor = { id: 1, opdId: 10, roles: ['asn'] };
const admin: Actor = { id: 2, opdId: 10, roles: ['admin_opd', 'asn'] };
const superadmin: Actor = { id: 3, opdId: 20, roles: ['superadmin'] };
const noOpd: Actor = { id: 4, opdId: null, roles: ['asn'] };

describe('isAllowed', () => {
  it.each([
    ['anonymous, public route', null, PUBLIC, true],
    ['anonymous, any-user route', null, ANY_USER, false],
    ['anonymous, role route', null, rolesOnly('asn'), false],
    ['asn, any-user route', asn, ANY_USER, true],
    ['asn, admin route', asn, rolesOnly('admin_opd'), false],
    ['admin, admin route', admin, rolesOnly('admin_opd'), true],
    ['admin, verifier route', admin, rolesOnly('verifikator'), false],
    ['superadmin, any role route', superadmin, rolesOnly('penandatangan'), true],
    ['someone without roles, role route', { ...asn, roles: [] }, rolesOnly('asn'), false],
  ] as const)('%s → %s', (_name, actor, access, expected) => {
    expect(isAllowed(actor, access)).toBe(expected);
  });

  it('denies a route whose access names no role', () => {
    expect(isAllowed(admin, { roles: [] })).toBe(false);
  });
});

describe('scopeToOpd', () => {
  it('keeps a user to their own OPD', () => {
    expect(scopeToOpd(asn)).toBe(10);
    expect(scopeToOpd(asn, 10)).toBe(10);
    expect(() => scopeToOpd(asn, 11)).toThrow(ForbiddenError);
  });

  it('lets a superadmin see every OPD or any one', () => {
    expect(scopeToOpd(superadmin)).toBeNull();
    expect(scopeToOpd(superadmin, 11)).toBe(11);
  });

  it('refuses someone who belongs to no OPD', () => {
    expect(() => scopeToOpd(noOpd)).toThrow(/belum terdaftar/);
  });
});
