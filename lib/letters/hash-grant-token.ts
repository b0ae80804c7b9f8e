import { createHash } from 'node:crypto';

/** A grant id is 32 random bytes in base64url; only its SHA-256 (hex) is stored. */
export function hashGrantToken(grantId: string): { token: Buffer; tokenHash: string } | null {
  if (typeof grantId !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(grantId)) return null;
  const token = Buffer.from(grantId, 'base64url');
  if (token.length !== 32) return null;
  return { token, tokenHash: createHash('sha256').update(token).digest('hex') };
}
