import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import type { DetectedType } from '../storage/detect-file-type';
import type { FileStore } from '../storage/file-store';

/** A kop logo is small: 1 MB is far more than a sharp emblem needs. */
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_TYPES: DetectedType[] = ['image/png', 'image/jpeg'];

/**
 * Sets the OPD's kop surat logo (a PNG or JPEG already checked by content and size), or removes it
 * (null: back to the regency emblem). The file stays in the content-addressed store, so letters signed
 * with the old logo keep their history; the OPD's row and the audit row are one transaction.
 */
export async function updateOpdLogo(
  db: Knex,
  files: FileStore,
  input: {
    actorId: number;
    opdId: number;
    /** Checked by content (PNG or JPEG) and size by the upload; null removes the logo. */
    logo: { bytes: Buffer; type: DetectedType; originalName: string } | null;
  },
): Promise<{ fileId: number | null }> {
  const { actorId, opdId, logo } = input;
  // The routes' upload check already refuses these; callers from elsewhere get the same rule.
  if (logo && (!LOGO_TYPES.includes(logo.type) || logo.bytes.length > LOGO_MAX_BYTES)) {
    throw new ValidationError('Logo harus berupa gambar PNG atau JPEG paling besar 1 MB.');
  }
  return db.transaction(async (trx) => {
    const row = await trx('opd').where({ id: opdId }).forUpdate().first('logo_file_id');
    const previous = row.logo_file_id === null ? null : Number(row.logo_file_id);
    const stored = logo
      ? await files.put(
          logo.bytes,
          { mime: logo.type, originalName: logo.originalName, createdBy: actorId },
          trx,
        )
      : null;
    const fileId = stored?.id ?? null;
    if (fileId === previous) return { fileId };
    await trx('opd').where({ id: opdId }).update({ logo_file_id: fileId, updated_at: new Date() });
    await appendAudit(trx, {
      actorId,
      opdId,
      action: 'opd.logo',
      entityType: 'opd',
      entityId: opdId,
      data: stored
        ? { fileId, sha256: stored.sha256, size: stored.size, mime: stored.mime, previousFileId: previous }
        : { removed: true, previousFileId: previous },
    });
    return { fileId };
  });
}
