export const MIN_PASSWORD_LENGTH = 10;

/**
 * What is wrong with a new password the owner chose, or null: long enough, not the username or NIP
 * (the first thing anyone tries), not the password it replaces.
 */
export function checkNewPassword(
  account: { username: string; nip: string | null },
  currentPassword: string,
  newPassword: string,
): string | null {
  const folded = newPassword.trim().toLowerCase();
  if (newPassword.length < MIN_PASSWORD_LENGTH) return `minimal ${MIN_PASSWORD_LENGTH} karakter`;
  if (folded === account.username.toLowerCase() || (account.nip !== null && folded === account.nip))
    return 'tidak boleh sama dengan nama pengguna atau NIP';
  if (newPassword === currentPassword) return 'tidak boleh sama dengan kata sandi saat ini';
  return null;
}
