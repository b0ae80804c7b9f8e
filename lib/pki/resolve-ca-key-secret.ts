import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Config } from '../config';
import { pkiPaths } from './pki-paths';
import { readFileIfExists } from './read-file-if-exists';
import { CaKeyUnreadableError } from './pki-errors';
import { writeFileExclusive } from './write-file-exclusive';

/**
 * The secret that encrypts the root key: CA_KEY_SECRET when set (always in production), otherwise a
 * random one generated once into `<dir>/ca-key.secret` (mode 0600) so a demo instance needs no setup.
 */
export async function resolveCaKeySecret(pki: Config['pki'], options: { create: boolean }): Promise<string> {
  if (pki.caKeySecret) return pki.caKeySecret;
  const file = pkiPaths(pki.dir).keySecret;
  const stored = await readFileIfExists(file);
  if (stored) return stored.toString('utf8').trim();
  if (!options.create) throw new CaKeyUnreadableError();
  await fs.mkdir(pki.dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  if (await writeFileExclusive(file, `${secret}\n`, 0o600)) return secret;
  // Another process created it first: use theirs, or the root key would not open for one of us.
  return (await fs.readFile(file, 'utf8')).trim();
}
