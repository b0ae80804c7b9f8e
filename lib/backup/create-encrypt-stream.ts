import { createCipheriv } from 'node:crypto';
import { Transform } from 'node:stream';
import { CHUNK_SIZE, LAST_CHUNK, chunkParams } from './backup-cipher';
import { newBackupKey } from './new-backup-key';

/** A stream that turns the tar into the encrypted archive (layout in backup-cipher.ts). */
export async function createEncryptStream(passphrase: string): Promise<Transform> {
  const k = await newBackupKey(passphrase);
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let index = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const word = Buffer.alloc(4);
    word.writeUInt32BE((plain.length | (last ? LAST_CHUNK : 0)) >>> 0);
    const { iv, aad } = chunkParams(k, index++, word);
    const cipher = createCipheriv('aes-256-gcm', k.key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([word, body, cipher.getAuthTag()]);
  };
  const stream = new Transform({
    transform(data: Buffer, _enc, done) {
      pending.push(data);
      pendingSize += data.length;
      if (pendingSize > CHUNK_SIZE) {
        let all = Buffer.concat(pending);
        // Keep at least one byte back so the last chunk is never empty unless the input is.
        while (all.length > CHUNK_SIZE) {
          this.push(seal(all.subarray(0, CHUNK_SIZE), false));
          all = all.subarray(CHUNK_SIZE);
        }
        pending = [all];
        pendingSize = all.length;
      }
      done();
    },
    flush(done) {
      this.push(seal(Buffer.concat(pending), true));
      done();
    },
  });
  stream.push(k.header);
  return stream;
}
