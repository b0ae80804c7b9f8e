import { createCipheriv, randomBytes } from 'node:crypto';

/** A secret setting as stored: AES-256-GCM, base64 parts. */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

/** Encrypts a secret setting; its key name is authenticated too, so a value cannot be moved to another key. */
export function encryptSettingSecret(key: Buffer, name: string, plaintext: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}
