import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BackupError } from './backup-error';
import { BACKUP_FORMAT_VERSION, MANIFEST_MEMBER, type BackupManifest } from './backup-format';
import { createDecryptStream } from './create-decrypt-stream';

const MEMBER =
  /^(db\/[a-z0-9_]+\.jsonl|files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|pki\/(root\.crt|root\.key|crl\.der|ca-key\.secret))$/;
const MAX_MANIFEST = 64 * 1024 * 1024;

/**
 * Decrypts an archive and checks it member by member against its manifest (which comes first):
 * every SHA-256, nothing missing, nothing extra, no unexpected name. With `targetDir`, the members
 * are also written there (the caller uses them only once this resolves).
 */
export async function unpackBackup(
  file: string,
  passphrase: string,
  targetDir?: string,
): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError(`Berkas arsip ${file} tidak ditemukan.`);
  let manifest: BackupManifest | null = null;
  let problem: string | null = null;
  const seen = new Set<string>();
  const outs: fs.WriteStream[] = [];
  const refuse = (message: string) => {
    problem ??= message;
  };
  const parser = new tar.Parser({
    strict: true,
    onReadEntry: (entry) => {
      const name = entry.path;
      const chunks: Buffer[] = [];
      const hash = createHash('sha256');
      if (problem || entry.type !== 'File' || (name !== MANIFEST_MEMBER && !MEMBER.test(name))) {
        refuse(`Arsip memuat anggota yang tidak dikenal: ${name}`);
        entry.resume();
        return;
      }
      if (name !== MANIFEST_MEMBER && !manifest) refuse('Arsip tidak diawali manifes.');
      if (seen.has(name)) refuse(`Anggota ganda dalam arsip: ${name}`);
      seen.add(name);
      let out: fs.WriteStream | null = null;
      if (targetDir && name !== MANIFEST_MEMBER) {
        fs.mkdirSync(path.dirname(path.join(targetDir, name)), { recursive: true });
        out = fs.createWriteStream(path.join(targetDir, name), { mode: 0o600 });
        outs.push(out);
      }
      entry.on('data', (data: Buffer) => {
        hash.update(data);
        if (name === MANIFEST_MEMBER && entry.size <= MAX_MANIFEST) chunks.push(data);
        // One listener feeds both the hash and the file: a second consumer could miss the first bytes.
        if (out && !out.write(data)) {
          entry.pause();
          out.once('drain', () => entry.resume());
        }
      });
      entry.on('end', () => {
        out?.end();
        if (name === MANIFEST_MEMBER) {
          manifest = parseManifest(Buffer.concat(chunks), refuse);
        } else if (manifest && manifest.members[name] !== hash.digest('hex')) {
          refuse(`Isi ${name} tidak sesuai dengan manifes.`);
        }
      });
    },
  });
  try {
    await pipeline(fs.createReadStream(file), createDecryptStream(passphrase), parser);
  } catch (err) {
    for (const out of outs) out.destroy();
    throw err;
  }
  await Promise.all(outs.map((out) => finished(out)));
  if (!problem && !manifest) refuse('Arsip tidak memuat manifes.');
  const absent = manifest
    ? Object.keys((manifest as BackupManifest).members).filter((m) => !seen.has(m))
    : [];
  if (absent.length > 0) refuse(`Arsip tidak lengkap: ${absent.length} anggota hilang (mis. ${absent[0]}).`);
  if (problem) throw new BackupError(problem);
  return manifest!;
}

function parseManifest(bytes: Buffer, refuse: (message: string) => void): BackupManifest | null {
  try {
    const manifest = JSON.parse(bytes.toString('utf8')) as BackupManifest;
    if (manifest.formatVersion !== BACKUP_FORMAT_VERSION || typeof manifest.members !== 'object') {
      refuse(`Format manifes ${manifest.formatVersion} tidak dikenal oleh versi ini.`);
      return null;
    }
    return manifest;
  } catch {
    refuse('Manifes arsip tidak dapat dibaca.');
    return null;
  }
}
