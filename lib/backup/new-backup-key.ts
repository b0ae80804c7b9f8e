import { randomBytes } from 'node:crypto';
import type { BackupKey } from './backup-cipher';
import { deriveBackupKey } from './derive-backup-key';

/** A fresh key for a new archive: scrypt N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s), new salt. */
export function newBackupKey(passphrase: string): Promise<BackupKey> {
  return deriveBackupKey(passphrase, {
    log2N: 15,
    r: 8,
    p: 1,
    salt: randomBytes(16),
    noncePrefix: randomBytes(8),
  });
}
