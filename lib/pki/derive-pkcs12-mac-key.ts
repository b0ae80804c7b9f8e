import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

const BLOCK = 64; // SHA-256 input block (v in RFC 7292)
const MAC_KEY_ID = 3;

function repeatToBlocks(bytes: Buffer): Buffer {
  if (bytes.length === 0) return bytes;
  const length = BLOCK * Math.ceil(bytes.length / BLOCK);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = bytes[i % bytes.length];
  return out;
}

/**
 * The PKCS#12 MAC key (RFC 7292 appendix B.2, SHA-256, 32 bytes). The password is a NUL-terminated
 * big-endian BMPString, as OpenSSL reads it. The MAC is a passphrase oracle too, so it gets as many
 * rounds as the key encryption; Node has no native form of this KDF, so the loop yields now and then
 * rather than hold the event loop for the whole derivation.
 */
export async function derivePkcs12MacKey(
  passphrase: string,
  salt: Buffer,
  iterations: number,
): Promise<Buffer> {
  const utf16le = Buffer.from(`${passphrase}\u0000`, 'utf16le');
  const bmp = Buffer.alloc(utf16le.length);
  for (let i = 0; i < utf16le.length; i += 2) {
    bmp[i] = utf16le[i + 1];
    bmp[i + 1] = utf16le[i];
  }
  const input = Buffer.concat([Buffer.alloc(BLOCK, MAC_KEY_ID), repeatToBlocks(salt), repeatToBlocks(bmp)]);
  // One 32-byte output block is all a SHA-256 HMAC key needs, so the B/I update steps never run.
  let digest = createHash('sha256').update(input).digest();
  for (let i = 1; i < iterations; i++) {
    digest = createHash('sha256').update(digest).digest();
    if (i % 20_000 === 0) await yieldToEventLoop();
  }
  input.fill(0);
  bmp.fill(0);
  utf16le.fill(0);
  return digest;
}
