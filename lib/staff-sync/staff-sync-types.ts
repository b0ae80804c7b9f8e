import type { StaffField } from './staff-fields';

export type StaffSyncSource = 'smart' | 'csv' | 'xlsx';
export type StaffSyncStatus = 'queued' | 'running' | 'finished' | 'failed';

/** One row of an export, by our field names, as text (row: its number in the export, from 1). */
export type StaffRow = { row: number } & Record<StaffField, string>;

/** A row that passed validation: what the person's account should look like. */
export interface StaffRecord {
  row: number;
  nip: string;
  name: string;
  position: string;
  opdId: number;
  unit: string;
  superiorNip: string | null;
  rank: string;
  active: boolean;
}

export interface StaffRejection {
  row: number;
  nip: string;
  reason: string;
}

export interface StaffSyncCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  rejected: number;
}

export interface StaffSyncReport extends StaffSyncCounts {
  rejections: StaffRejection[];
}
