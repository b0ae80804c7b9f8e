import type { StaffRecord, StaffRejection, StaffRow } from './staff-sync-types';

const NIP = /^\d{18}$/;
const INACTIVE = new Set(['0', 'false', 'tidak', 'n', 'no', 'nonaktif', 'tidak aktif', 'pensiun', 'keluar']);

export interface ValidatedRows {
  records: StaffRecord[];
  rejections: StaffRejection[];
  /** Every well-formed NIP in the export, rejected rows included: nobody listed is deactivated. */
  listedNips: Set<string>;
}

/**
 * Checks each row: an 18-digit NIP (spaces and dots as printed on cards are dropped), a name, a known
 * OPD code. A NIP on more than one row rejects all of those rows: which one is right cannot be told.
 */
export function validateStaffRows(rows: StaffRow[], opdIdByCode: Map<string, number>): ValidatedRows {
  const nipOf = (r: StaffRow) => r.nip.replace(/[\s.]/g, '');
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(nipOf(r), (seen.get(nipOf(r)) ?? 0) + 1);
  const records: StaffRecord[] = [];
  const rejections: StaffRejection[] = [];
  const listedNips = new Set<string>();
  for (const r of rows) {
    const nip = nipOf(r);
    if (NIP.test(nip)) listedNips.add(nip);
    const opdId = opdIdByCode.get(r.opdCode.toUpperCase());
    const reason = !NIP.test(nip)
      ? 'NIP tidak valid (harus 18 angka)'
      : (seen.get(nip) ?? 0) > 1
        ? 'NIP ganda dalam berkas'
        : !r.name
          ? 'Nama kosong'
          : opdId === undefined
            ? `OPD tidak dikenal (${r.opdCode || 'kosong'})`
            : null;
    if (reason || opdId === undefined) {
      rejections.push({ row: r.row, nip: r.nip, reason: reason ?? '' });
      continue;
    }
    const superiorNip = r.superiorNip.replace(/[\s.]/g, '');
    records.push({
      row: r.row,
      nip,
      name: r.name,
      position: r.position,
      opdId,
      unit: r.unit,
      superiorNip: NIP.test(superiorNip) && superiorNip !== nip ? superiorNip : null,
      rank: r.rank,
      active: !INACTIVE.has(r.active.toLowerCase()),
    });
  }
  return { records, rejections, listedNips };
}
