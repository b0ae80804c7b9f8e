import { STAFF_FIELDS, type StaffFieldMap } from './staff-fields';
import type { StaffRow } from './staff-sync-types';

/** One export row under our field names, every value as trimmed text (absent: empty). */
export function mapStaffRow(raw: Record<string, unknown>, index: number, fieldMap: StaffFieldMap): StaffRow {
  const row = { row: index + 1 } as StaffRow;
  for (const field of STAFF_FIELDS) {
    const value = raw[fieldMap[field]];
    row[field] = value === undefined || value === null ? '' : String(value).trim();
  }
  return row;
}
