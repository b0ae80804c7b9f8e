import { toDate } from '../db/to-date';
import type { StaffRejection, StaffSyncSource, StaffSyncStatus } from './staff-sync-types';

export interface StaffSyncRunView {
  id: number;
  source: StaffSyncSource;
  status: StaffSyncStatus;
  triggeredBy: { id: number; name: string } | null;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
  /** Rows read from the export and rows handled so far; percent of the way. */
  progress: { total: number; processed: number; percent: number };
  counts: { created: number; updated: number; unchanged: number; deactivated: number; rejected: number };
  rejections: StaffRejection[];
}

/** The columns toRunView reads: the run and who asked for it. */
export const RUN_COLUMNS = ['r.*', 'u.name as triggered_by_name'];

/** A stored run as the API and the page show it. */
export function toRunView(row: Record<string, unknown>): StaffSyncRunView {
  const total = Number(row.total);
  const processed = Math.min(Number(row.processed), total);
  return {
    id: Number(row.id),
    source: row.source as StaffSyncSource,
    status: row.status as StaffSyncStatus,
    triggeredBy:
      row.triggered_by == null ? null : { id: Number(row.triggered_by), name: String(row.triggered_by_name) },
    startedAt: toDate(row.started_at)!.toISOString(),
    finishedAt: row.finished_at == null ? null : toDate(row.finished_at)!.toISOString(),
    message: (row.message as string | null) ?? null,
    progress: {
      total,
      processed,
      percent: row.status === 'finished' ? 100 : total === 0 ? 0 : Math.floor((processed * 100) / total),
    },
    counts: {
      created: Number(row.created),
      updated: Number(row.updated),
      unchanged: Number(row.unchanged),
      deactivated: Number(row.deactivated),
      rejected: Number(row.rejected),
    },
    rejections: row.rejections ? (JSON.parse(String(row.rejections)) as StaffRejection[]) : [],
  };
}
