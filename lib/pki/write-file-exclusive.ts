import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * Creates `target` complete or not at all, and only if it does not exist yet: the bytes go to a
 * temporary file first and are then hard-linked into place. Returns false when another writer won.
 */
export async function writeFileExclusive(
  target: string,
  data: string | Buffer,
  mode: number,
): Promise<boolean> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, data, { mode, flag: 'wx' });
  try {
    await fs.link(temp, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.rm(temp, { force: true });
  }
}
