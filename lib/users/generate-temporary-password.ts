import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: the administrator reads it out or copies it by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Four groups of four from a 57-letter alphabet (about 93 bits), e.g. `Kq7m-3xTz-9bHw-Rt4e`. */
export function generateTemporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
