import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';

/** Replaces `target` in one step, so a reader sees the old bytes or the new ones, never half of them. */
export async function writeFileAtomic(target: string, data: string | Buffer, mode: number): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, data, { mode, flag: 'wx' });
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
