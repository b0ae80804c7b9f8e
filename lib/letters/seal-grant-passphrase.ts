import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'eoffice signing-grant v1';

/**
 * The AES-256-GCM key of one grant: HKDF-SHA256 over the server secret and the grant's token, so
 * neither a copy of the database with the secret, nor the token alone, opens the passphrase.
 */
function grantKey(serverSecret: string, token: Buffer, salt: Buffer): Buffer {
  const ikm = Buffer.concat([Buffer.from(serverSecret, 'utf8'), token]);
  return Buffer.from(hkdfSync('sha256', ikm, salt, INFO, 32));
}

export interface GrantBinding {
  tokenHash: string;
  letterId: number;
  signerId: number;
  certificateId: number;
}

const aad = (b: GrantBinding) => Buffer.from(`${b.tokenHash}:${b.letterId}:${b.signerId}:${b.certificateId}`);

/**
 * Encrypts (seal) or decrypts (open) a grant's passphrase, bound to its letter, signer and certificate
 * as associated data: a row moved to another letter does not open. Sealed form: base64 of
 * salt(16) | iv(12) | tag(16) | ciphertext.
 */
export const grantCipher = {
  seal(serverSecret: string, token: Buffer, binding: GrantBinding, passphrase: string): string {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', grantKey(serverSecret, token, salt), iv);
    cipher.setAAD(aad(binding));
    const body = Buffer.concat([cipher.update(passphrase, 'utf8'), cipher.final()]);
    return Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString('base64');
  },
  /** Throws when the token, secret or binding is not the one sealed with. */
  open(serverSecret: string, token: Buffer, binding: GrantBinding, sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const salt = bytes.subarray(0, 16);
    const iv = bytes.subarray(16, 28);
    const tag = bytes.subarray(28, 44);
    const decipher = createDecipheriv('aes-256-gcm', grantKey(serverSecret, token, salt), iv);
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(44)), decipher.final()]).toString('utf8');
  },
};
