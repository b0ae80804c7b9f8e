import { PassphraseTooLongError, PassphraseTooShortError } from './pki-errors';

export const PASSPHRASE_MIN_LENGTH = 8;
export const PASSPHRASE_MAX_LENGTH = 256;

/** The rules a new certificate passphrase must meet; the message never repeats the passphrase. */
export function checkNewPassphrase(passphrase: string): void {
  // Counted in characters as people type them, not UTF-16 units.
  const length = [...passphrase].length;
  if (length < PASSPHRASE_MIN_LENGTH) throw new PassphraseTooShortError(PASSPHRASE_MIN_LENGTH);
  if (length > PASSPHRASE_MAX_LENGTH) throw new PassphraseTooLongError(PASSPHRASE_MAX_LENGTH);
}
