import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors';
import type { StaffSyncSource } from './staff-sync-types';

type RawRow = Record<string, unknown>;

const unreadable = (why: string) => new ValidationError(`Berkas ekspor pegawai tidak dapat dibaca: ${why}.`);

/**
 * The export's rows as objects keyed by its own column names: SMART's JSON (an array, or `{data: [...]}`),
 * a CSV with a header row (comma or semicolon, as spreadsheet programs in Indonesia write it), or the
 * first sheet of an XLSX with a header row.
 */
export async function parseStaffExport(bytes: Buffer, source: StaffSyncSource): Promise<RawRow[]> {
  if (source === 'smart') return parseJson(bytes);
  if (source === 'csv') return parseCsvRows(bytes);
  return parseXlsx(bytes);
}

function parseJson(bytes: Buffer): RawRow[] {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw unreadable('bukan JSON');
  }
  const rows = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(rows)) throw unreadable('JSON harus berupa larik atau {"data": [...]}');
  return rows.map((r) => (r !== null && typeof r === 'object' ? (r as RawRow) : {}));
}

function parseCsvRows(bytes: Buffer): RawRow[] {
  try {
    return parseCsv(bytes, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      delimiter: [',', ';'],
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as RawRow[];
  } catch (err) {
    throw unreadable(`CSV rusak (${(err as Error).message.slice(0, 120)})`);
  }
}

async function parseXlsx(bytes: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('XLSX rusak');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('XLSX tidak memiliki lembar kerja');
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = cell.text.trim()));
  const rows: RawRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record: RawRow = {};
    header.forEach((name, col) => name && (record[name] = row.getCell(col).text.trim()));
    rows.push(record);
  });
  return rows;
}
