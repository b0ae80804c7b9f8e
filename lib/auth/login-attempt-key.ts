/**
 * The row of login_attempts a failure counts against: the account when the typed name (login name or
 * NIP, any case) resolves to one, so switching between its names gives no extra guesses; otherwise the
 * typed name itself, so guesses at unknown names are slowed as well. The prefixes keep the two apart:
 * no typed name can count against an account it does not name.
 */
export function loginAttemptKey(typedName: string, userId?: number): string {
  return userId === undefined ? `name:${typedName.trim().toLowerCase()}`.slice(0, 64) : `user:${userId}`;
}
