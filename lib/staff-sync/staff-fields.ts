/** The fields e-Office takes from a staff export, and the export's own column name for each by default. */
export const STAFF_FIELDS = [
  'nip',
  'name',
  'position',
  'opdCode',
  'unit',
  'superiorNip',
  'rank',
  'active',
] as const;
export type StaffField = (typeof STAFF_FIELDS)[number];
export type StaffFieldMap = Record<StaffField, string>;

export const DEFAULT_FIELD_MAP: StaffFieldMap = {
  nip: 'nip',
  name: 'nama',
  position: 'jabatan',
  opdCode: 'kode_opd',
  unit: 'unit_kerja',
  superiorNip: 'nip_atasan',
  rank: 'golongan',
  active: 'aktif',
};
