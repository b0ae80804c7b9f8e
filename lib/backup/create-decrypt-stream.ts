import { createDecipheriv } from 'node:crypto';
import { Transform } from 'node:stream';
import { BackupError } from './backup-error';
import { CHUNK_SIZE, HEADER_SIZE, LAST_CHUNK, TAG_SIZE, chunkParams, type BackupKey } from './backup-cipher';
import { openBackupKey } from './open-backup-key';

const DAMAGED = 'Arsip cadangan rusak atau telah diubah (autentikasi gagal). Arsip ditolak.';
const TRUNCATED = 'Arsip cadangan terpotong (bagian akhirnya hilang). Arsip ditolak.';

/** The reverse of createEncryptStream: emits only authenticated bytes, and fails on any damage. */
export function createDecryptStream(passphrase: string): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let key: BackupKey | null = null;
  let index = 0;
  let finished = false;
  return new Transform({
    async transform(data: Buffer, _enc, done) {
      try {
        if (finished) throw new BackupError(DAMAGED);
        buffered = buffered.length ? Buffer.concat([buffered, data]) : data;
        if (!key) {
          if (buffered.length < HEADER_SIZE) return done();
          key = await openBackupKey(buffered.subarray(0, HEADER_SIZE), passphrase);
          buffered = buffered.subarray(HEADER_SIZE);
        }
        while (buffered.length >= 4 && !finished) {
          const word = buffered.subarray(0, 4);
          const value = word.readUInt32BE();
          const size = value & ~LAST_CHUNK;
          if (size > CHUNK_SIZE) throw new BackupError(DAMAGED);
          if (buffered.length < 4 + size + TAG_SIZE) break;
          const { iv, aad } = chunkParams(key, index++, Buffer.from(word));
          const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
          decipher.setAAD(aad);
          decipher.setAuthTag(buffered.subarray(4 + size, 4 + size + TAG_SIZE));
          let plain: Buffer;
          try {
            plain = Buffer.concat([decipher.update(buffered.subarray(4, 4 + size)), decipher.final()]);
          } catch {
            throw new BackupError(DAMAGED);
          }
          buffered = buffered.subarray(4 + size + TAG_SIZE);
          finished = (value & LAST_CHUNK) !== 0;
          this.push(plain);
        }
        if (finished && buffered.length > 0) throw new BackupError(DAMAGED);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      if (!key) return done(new BackupError('Berkas ini bukan arsip cadangan e-Office.'));
      done(finished ? null : new BackupError(TRUNCATED));
    },
  });
}
