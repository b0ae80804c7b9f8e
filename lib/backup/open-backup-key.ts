import { HEADER_SIZE, MAGIC, type BackupKey } from './backup-cipher';
import { BackupError, WrongPassphraseError } from './backup-error';
import { deriveBackupKey } from './derive-backup-key';

/** The key of an existing archive from its header; refuses a foreign file and a wrong passphrase. */
export async function openBackupKey(header: Buffer, passphrase: string): Promise<BackupKey> {
  if (header.length < HEADER_SIZE || !header.subarray(0, 4).equals(MAGIC)) {
    throw new BackupError('Berkas ini bukan arsip cadangan e-Office.');
  }
  if (header[4] !== 1) throw new BackupError(`Format arsip ${header[4]} tidak dikenal oleh versi ini.`);
  const [log2N, r, p] = [header[5], header[6], header[7]];
  // Parameters a damaged header could carry would make scrypt fail or run for ever.
  if (log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16) throw new WrongPassphraseError();
  const k = await deriveBackupKey(passphrase, {
    log2N,
    r,
    p,
    salt: header.subarray(8, 24),
    noncePrefix: header.subarray(24, 32),
  });
  if (!k.header.equals(header.subarray(0, HEADER_SIZE))) throw new WrongPassphraseError();
  return k;
}
