/**
 * A NIP as printed under a signature: "19700101 199003 1 001" (birth date, appointment month,
 * sex, sequence). Anything that is not 18 digits is printed as given.
 */
export function formatNip(nip: string): string {
  const match = /^(\d{8})(\d{6})(\d)(\d{3})$/.exec(nip);
  return match ? match.slice(1).join(' ') : nip;
}
