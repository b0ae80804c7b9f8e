import fs from 'node:fs';
import { BackupError } from './backup-error';

const MIN_LENGTH = 12;

/**
 * The archive passphrase: the file's first line when a file is named, otherwise BACKUP_PASSPHRASE.
 * Never echoed; a new archive asks for at least MIN_LENGTH characters.
 */
export function readBackupPassphrase(
  file: string | undefined,
  env: NodeJS.ProcessEnv,
  purpose: 'create' | 'open',
): string {
  const passphrase = file ? fs.readFileSync(file, 'utf8').split(/\r?\n/)[0] : env.BACKUP_PASSPHRASE;
  if (!passphrase) {
    throw new BackupError(
      'Frasa sandi cadangan wajib diisi: setel BACKUP_PASSPHRASE atau gunakan --passphrase-file.',
    );
  }
  if (purpose === 'create' && passphrase.length < MIN_LENGTH) {
    throw new BackupError(`Frasa sandi cadangan minimal ${MIN_LENGTH} karakter.`);
  }
  return passphrase;
}
