import { randomBytes } from 'node:crypto';

/**
 * A 16-byte certificate serial as lowercase hex. The top bit is cleared so the DER INTEGER stays positive
 * and 16 bytes long, the next one set so it never starts with a zero byte: 126 random bits remain.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}
