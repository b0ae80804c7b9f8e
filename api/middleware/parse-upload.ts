import fs from 'node:fs/promises';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';
import { AppError, ValidationError } from '../../lib/errors';
import { detectFileType, XLSX_MIME, type DetectedType } from '../../lib/storage/detect-file-type';
import type { AppContext } from '../context';

export interface UploadSpec {
  /** The form field holding the file. */
  field: string;
  maxBytes: number;
  types: DetectedType[];
  /** The file may be left out: a JSON body, or a form without it, passes with no upload. */
  optional?: boolean;
}

export interface Upload {
  bytes: Buffer;
  type: DetectedType;
  originalName: string;
}

const TYPE_LABELS: Record<DetectedType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'text/csv': 'CSV',
  [XLSX_MIME]: 'XLSX',
};

function tooLarge(maxBytes: number) {
  return new AppError(
    413,
    'file_too_large',
    `Berkas terlalu besar (maksimal ${Math.round(maxBytes / 1048576)} MB).`,
  );
}

/**
 * The client's file name, kept only as text to show: separators and control characters (a NUL could cut
 * the name short wherever it is used) become '_'. Files are stored under their hash, never this name.
 */
function displayName(name: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255);
}

/**
 * Parses one multipart upload for a route that declared it, after the access check (so nobody
 * unauthorised can make the server store a temporary file), then checks size and type by content.
 * The form's other fields land in ctx.request.body, as strings.
 */
export async function parseUpload(ctx: AppContext, spec: UploadSpec): Promise<Upload | undefined> {
  const parser = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: { maxFileSize: spec.maxBytes, maxFiles: 1, allowEmptyFiles: true, minFileSize: 0 },
    onError: (err) => {
      throw /maxFileSize|exceeded/i.test(err.message)
        ? tooLarge(spec.maxBytes)
        : new ValidationError('Unggahan tidak dapat dibaca. Kirim sebagai multipart/form-data.');
    },
  });
  if (!ctx.is('multipart')) {
    if (spec.optional) return undefined;
    throw new ValidationError('Unggahan harus dikirim sebagai multipart/form-data.');
  }
  await parser(ctx as never, async () => {});
  const files = ctx.request.files ?? {};
  const all = Object.values(files).flat() as File[];
  try {
    const file = (files[spec.field] as File | File[] | undefined) ?? undefined;
    const one = Array.isArray(file) ? file[0] : file;
    // A browser sends an empty, nameless part for a file input left blank.
    const absent = !one || (one.size === 0 && !one.originalFilename);
    if (absent && spec.optional) return undefined;
    if (!one) throw new ValidationError(`Pilih berkas untuk diunggah (kolom "${spec.field}").`);
    if (one.size === 0) throw new ValidationError('Berkas kosong.');
    if (one.size > spec.maxBytes) throw tooLarge(spec.maxBytes);
    const bytes = await fs.readFile(one.filepath);
    const type = detectFileType(bytes);
    if (!type || !spec.types.includes(type)) {
      const labels = spec.types.map((t) => TYPE_LABELS[t]);
      const allowed =
        labels.length > 1 ? `${labels.slice(0, -1).join(', ')} atau ${labels.at(-1)}` : labels[0];
      throw new AppError(
        415,
        'unsupported_file_type',
        `Jenis berkas tidak didukung. Unggah berkas ${allowed}.`,
      );
    }
    return { bytes, type, originalName: displayName(one.originalFilename) };
  } finally {
    await Promise.all(all.map((f) => fs.rm(f.filepath, { force: true })));
  }
}
