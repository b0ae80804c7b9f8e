import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import type { FileStore } from '../storage/file-store';
import type { LetterRenderInput } from '../documents/letter-render-input';

export type OpdLetterhead = Pick<LetterRenderInput, 'opd' | 'logoDataUrl'>;

/** The kop surat of an OPD: its name and contact lines, and its own logo when it uploaded one. */
export async function loadOpdLetterhead(db: Knex, files: FileStore, opdId: number): Promise<OpdLetterhead> {
  const opd = await db('opd').where({ id: opdId }).first();
  if (!opd) throw new NotFoundError('Perangkat daerah tidak ditemukan.');
  const letterhead: OpdLetterhead = {
    opd: {
      name: opd.name,
      address: opd.address,
      phone: opd.phone,
      email: opd.email,
      website: opd.website,
    },
  };
  if (opd.logo_file_id !== null && opd.logo_file_id !== undefined) {
    const logo = await files.get(Number(opd.logo_file_id));
    // Inline, because the letter's HTML is rendered self-contained (its CSP allows data: images only).
    letterhead.logoDataUrl = `data:${logo.mime};base64,${(await files.read(logo)).toString('base64')}`;
  }
  return letterhead;
}
