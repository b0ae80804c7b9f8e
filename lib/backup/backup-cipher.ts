/**
 * The archive's encryption: the whole tar stream is cut into chunks of at most CHUNK_SIZE bytes, each
 * sealed with AES-256-GCM. The key comes from scrypt over the passphrase. File layout:
 *
 *   header (48 bytes): "EOBK", format 1, log2(N), r, p, salt (16), nonce prefix (8), key check (16)
 *   chunks: a 4-byte big-endian word (top bit: last chunk; the rest: plaintext length), the
 *           ciphertext, the 16-byte GCM tag
 *
 * Each chunk's nonce is the prefix and its index, and its additional data the header and its length
 * word: chunks cannot be reordered, moved between archives or have their "last" mark changed, and an
 * archive without its last chunk is a truncated one. The key check tells a wrong passphrase apart
 * from a damaged archive.
 */
export const CHUNK_SIZE = 1 << 20;
export const HEADER_SIZE = 48;
export const TAG_SIZE = 16;
export const LAST_CHUNK = 0x80000000;
export const MAGIC = Buffer.from('EOBK');

/** What encrypts and authenticates an archive's chunks; `header` is the archive's first 48 bytes. */
export interface BackupKey {
  header: Buffer;
  key: Buffer;
  noncePrefix: Buffer;
}

/** The nonce and additional data of chunk `index` whose length word is `word`. */
export function chunkParams(k: BackupKey, index: number, word: Buffer): { iv: Buffer; aad: Buffer } {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(index);
  return { iv: Buffer.concat([k.noncePrefix, counter]), aad: Buffer.concat([k.header, word]) };
}
