import fs from 'node:fs';
import type { Config } from '../../lib/config';
import { createKnex } from '../../lib/db/create-knex';
import { verifyUploadedPdf } from '../../lib/issued/verify-uploaded-pdf';

const STATUS = {
  active: 'aktif',
  revoked: 'DICABUT',
  superseded: 'diganti sertifikat baru (tetap sah)',
  expired: 'kedaluwarsa',
  unknown: 'tidak dikenal',
} as const;

/** `eoffice verify-pdf FILE`: the same verdict as the upload page; exit code 1 when not valid. */
export async function runVerifyPdf(config: Config, file: string): Promise<number> {
  const db = createKnex(config.database);
  try {
    const v = await verifyUploadedPdf(db, config.pki, fs.readFileSync(file));
    const out: string[] = [
      `Berkas : ${file}`,
      `SHA-256: ${v.sha256}`,
      `Hasil  : ${v.valid ? 'VALID' : 'TIDAK VALID'}`,
    ];
    if (v.document)
      out.push(`Dokumen: ${v.document.number ?? '(tanpa nomor)'} — kode verifikasi ${v.document.code}`);
    v.signers.forEach((s, i) => {
      const status = STATUS[s.certificateStatus as keyof typeof STATUS] ?? s.certificateStatus;
      out.push(
        `Tanda tangan ${i + 1}: ${s.name} (NIP ${s.nip ?? '-'}), ${s.signedAt ?? 'waktu tidak diketahui'}, sertifikat ${status}`,
      );
      for (const p of s.problems) out.push(`  - ${p}`);
    });
    for (const p of v.problems) out.push(`- ${p}`);
    process.stdout.write(out.join('\n') + '\n');
    return v.valid ? 0 : 1;
  } finally {
    await db.destroy();
  }
}
