import type { DispositionStatus, IncomingStatus } from '../../workflows/incoming-letter-types';

/** Raw datetimes: SQLite gives epoch milliseconds, MariaDB a Date; read them with toDate. */
type DbDate = Date | number | string;

/** An incoming_letters row as the database gives it. */
export interface IncomingRow {
  id: number;
  opd_id: number;
  letter_id: number | null;
  source: 'delivery' | 'paper';
  recipient_kind: 'to' | 'cc';
  sender_opd_id: number | null;
  sender_name: string;
  number: string;
  /** yyyy-mm-dd */
  letter_date: string;
  subject: string;
  sifat: string;
  urgency: string;
  classification: string;
  agenda_number: string | null;
  agenda_year: number | null;
  agenda_seq: number | null;
  received_at: DbDate | null;
  registered_by: number | null;
  scan_file_id: number | null;
  status: IncomingStatus;
  read_at: DbDate | null;
  closed_at: DbDate | null;
  closed_by: number | null;
  close_note: string | null;
  created_at: DbDate;
  updated_at: DbDate;
}

/** A dispositions row as the database gives it. */
export interface DispositionRow {
  id: number;
  incoming_letter_id: number;
  parent_id: number | null;
  from_user_id: number;
  to_user_id: number;
  instruction: string;
  note: string | null;
  due_at: DbDate | null;
  status: DispositionStatus;
  read_at: DbDate | null;
  finished_at: DbDate | null;
  created_at: DbDate;
  creation_key: string | null;
}
