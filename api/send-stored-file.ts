import type { FileStore } from '../lib/storage/file-store';
import type { AppContext } from './context';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * Answers with a stored file shown inline, under its type as checked by content on upload: never
 * sniffed, never cached, and framed only by e-Office's own pages.
 */
export async function sendStoredFile(
  ctx: AppContext,
  files: FileStore,
  fileId: number,
  baseName: string,
): Promise<void> {
  const file = await files.get(fileId);
  const bytes = await files.read(file);
  ctx.type = file.mime;
  ctx.set('Content-Disposition', `inline; filename="${baseName}.${EXTENSIONS[file.mime] ?? 'bin'}"`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'SAMEORIGIN');
  ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = bytes;
}
