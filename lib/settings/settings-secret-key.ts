import { hkdfSync } from 'node:crypto';
import type { Config } from '../config';
import { resolveCaKeySecret } from '../pki/resolve-ca-key-secret';

/**
 * The AES-256 key of secret settings (the SMTP password). It is derived from the CA key secret, which
 * every instance already keeps outside the database (CA_KEY_SECRET, or its generated file), so a
 * database dump or backup alone does not reveal the password; HKDF with a label of its own keeps the
 * two keys independent.
 */
export async function settingsSecretKey(pki: Config['pki'], options: { create: boolean }): Promise<Buffer> {
  const secret = await resolveCaKeySecret(pki, options);
  return Buffer.from(hkdfSync('sha256', secret, 'eoffice-system-settings', 'settings secret v1', 32));
}
