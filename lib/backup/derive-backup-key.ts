import { createHash, scrypt } from 'node:crypto';
import { MAGIC, type BackupKey } from './backup-cipher';

export interface KeyParams {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  noncePrefix: Buffer;
}

/**
 * scrypt over the passphrase: 32 bytes of AES key, and 32 more whose hash becomes the header's key
 * check (so a wrong passphrase is told apart from a damaged archive without revealing the key).
 */
export async function deriveBackupKey(passphrase: string, params: KeyParams): Promise<BackupKey> {
  const { log2N, r, p, salt, noncePrefix } = params;
  const N = 2 ** log2N;
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase, salt, 64, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  const check = createHash('sha256').update(derived.subarray(32)).digest().subarray(0, 16);
  const header = Buffer.concat([MAGIC, Buffer.from([1, log2N, r, p]), salt, noncePrefix, check]);
  return { header, key: derived.subarray(0, 32), noncePrefix };
}
