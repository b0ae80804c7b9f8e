import { createCipheriv, createDecipheriv, createPrivateKey, hkdfSync, randomBytes } from 'node:crypto';
import type { UnlockedSigningKey } from '../pki/unlock-signing-key';

// v2 seals the unlocked key; a v1 grant (it sealed the passphrase) no longer opens, so its signer is
// asked for the passphrase again.
const INFO = 'eoffice signing-grant v2';

/**
 * The AES-256-GCM key of one grant: HKDF-SHA256 over the server secret and the grant's token, so
 * neither a copy of the database with the secret, nor the token alone, opens the grant.
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

interface SealedKey {
  pkcs8: string;
  chainPem: string[];
}

/**
 * Encrypts (seal) or decrypts (open) the signing key a grant carries, bound to its letter, signer and
 * certificate as associated data: a row moved to another letter does not open. The key, not the
 * passphrase, is sealed: the worker then signs without repeating the passphrase's key derivation
 * (600,000 PBKDF2 rounds), and whoever could open a grant gets no more than that one certificate's
 * key, which its passphrase would have given them anyway. Sealed form: base64 of
 * salt(16) | iv(12) | tag(16) | ciphertext.
 */
export const grantCipher = {
  seal(serverSecret: string, token: Buffer, binding: GrantBinding, key: UnlockedSigningKey): string {
    const plain: SealedKey = {
      pkcs8: key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      chainPem: key.chainPem,
    };
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', grantKey(serverSecret, token, salt), iv);
    cipher.setAAD(aad(binding));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString('base64');
  },
  /** Throws when the token, secret or binding is not the one sealed with. */
  open(serverSecret: string, token: Buffer, binding: GrantBinding, sealed: string): UnlockedSigningKey {
    const bytes = Buffer.from(sealed, 'base64');
    const salt = bytes.subarray(0, 16);
    const iv = bytes.subarray(16, 28);
    const tag = bytes.subarray(28, 44);
    const decipher = createDecipheriv('aes-256-gcm', grantKey(serverSecret, token, salt), iv);
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(tag);
    const plain = JSON.parse(
      Buffer.concat([decipher.update(bytes.subarray(44)), decipher.final()]).toString('utf8'),
    ) as SealedKey;
    return {
      privateKey: createPrivateKey({ key: Buffer.from(plain.pkcs8, 'base64'), format: 'der', type: 'pkcs8' }),
      certificatePem: plain.chainPem[0],
      chainPem: plain.chainPem,
    };
  },
};
