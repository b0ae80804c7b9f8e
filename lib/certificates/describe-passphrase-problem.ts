import { PASSPHRASE_MIN_LENGTH } from '../pki/passphrase-rules';

/**
 * What is wrong with a passphrase typed into a form with its confirmation, or null: checked before any
 * slow work, so the form can answer at once. The certificate authority checks its rules again.
 */
export function describePassphraseProblem(passphrase: string, confirmation: string): string | null {
  if (!passphrase) return 'Isi passphrase dan konfirmasinya.';
  if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) {
    return `Passphrase minimal ${PASSPHRASE_MIN_LENGTH} karakter.`;
  }
  return passphrase === confirmation ? null : 'Konfirmasi passphrase tidak sama.';
}
