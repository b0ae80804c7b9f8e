import { AppError, ValidationError } from '../errors';
import { detectFileType, XLSX_MIME } from '../storage/detect-file-type';
import type { FileStore } from '../storage/file-store';
import { parseStaffExport } from './parse-staff-export';

/**
 * Keeps an uploaded export in the file store, after checking by content that it is a CSV or XLSX that
 * can be read and has rows: the workflow then gets the file's id, never its bytes.
 */
export async function storeStaffExport(
  files: FileStore,
  upload: { bytes: Buffer; originalName: string; uploadedBy: number | null },
): Promise<{ fileId: number; source: 'csv' | 'xlsx' }> {
  const type = detectFileType(upload.bytes);
  if (type !== 'text/csv' && type !== XLSX_MIME) {
    throw new AppError(
      415,
      'unsupported_file_type',
      'Jenis berkas tidak didukung. Unggah berkas CSV atau XLSX.',
    );
  }
  const source = type === XLSX_MIME ? 'xlsx' : 'csv';
  const rows = await parseStaffExport(upload.bytes, source);
  if (rows.length === 0) throw new ValidationError('Berkas ekspor tidak berisi baris data pegawai.');
  const file = await files.put(upload.bytes, {
    mime: type,
    originalName: upload.originalName,
    createdBy: upload.uploadedBy,
  });
  return { fileId: file.id, source };
}
