import { createDecipheriv } from 'node:crypto';
import type { SealedSecret } from './encrypt-setting-secret';

/** The plaintext of a sealed secret setting; throws if the key is wrong or the value was altered. */
export function decryptSettingSecret(key: Buffer, name: string, sealed: SealedSecret): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    .setAAD(Buffer.from(name, 'utf8'))
    .setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}
