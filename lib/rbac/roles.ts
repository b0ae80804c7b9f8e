export const ROLES = ['superadmin', 'admin_opd', 'verifikator', 'penandatangan', 'asn'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  superadmin: 'Super Admin',
  admin_opd: 'Admin OPD (Bagian Umum)',
  verifikator: 'Verifikator',
  penandatangan: 'Pejabat Penandatangan',
  asn: 'ASN',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
