import { findIssuedDocument } from '../../lib/issued/find-issued-document';
import { verifyUploadedPdf } from '../../lib/issued/verify-uploaded-pdf';
import { NotFoundError } from '../../lib/errors';
import { PUBLIC } from '../../lib/rbac/policy';
import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

const STATUS_LABELS: Record<string, string> = {
  active: 'Aktif',
  revoked: 'Dicabut',
  superseded: 'Diganti sertifikat baru (tanda tangan tetap sah)',
  expired: 'Kedaluwarsa',
  unknown: 'Tidak dikenal',
};

const STANDING = new Set(['active', 'expired', 'superseded']);

/** Public pages behind the QR code and the upload form: anyone may check a document. */
export function verificationPages({ db, config, pages }: AppDeps): RouteDef[] {
  const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
  const maxMb = Math.round(config.uploadMaxBytes / 1048576);
  return [
    {
      method: 'get',
      path: '/verifikasi',
      access: PUBLIC,
      summary: 'Upload form to check a PDF.',
      handler: (ctx) => {
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'verify-upload', { title: 'Verifikasi Dokumen', maxMb });
      },
    },
    {
      method: 'post',
      path: '/verifikasi',
      access: PUBLIC,
      summary: 'Result of checking an uploaded PDF.',
      upload: { field: 'file', maxBytes: config.uploadMaxBytes, types: ['application/pdf'] },
      handler: async (ctx) => {
        const verdict = await verifyUploadedPdf(db, config.pki, ctx.state.upload!.bytes);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'verify-upload', {
          title: 'Hasil Verifikasi',
          maxMb,
          verdict: {
            ...verdict,
            signers: verdict.signers.map((s) => ({ ...s, statusLabel: statusLabel(s.certificateStatus) })),
          },
          fileName: ctx.state.upload!.originalName,
        });
      },
    },
    {
      method: 'get',
      path: '/verifikasi/:code',
      access: PUBLIC,
      summary: 'What the QR code on a signed document opens: its metadata and signatures.',
      handler: async (ctx) => {
        const code = String(ctx.params.code);
        const doc = /^[a-z0-9]{8,32}$/.test(code) ? await findIssuedDocument(db, code) : null;
        if (!doc) throw new NotFoundError('Dokumen dengan kode verifikasi ini tidak terdaftar di e-Office.');
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'verify-document', {
          title: 'Verifikasi Dokumen',
          doc,
          signed: doc.signatures.length > 0,
          // A signature made while its certificate was good stands after the certificate expires or is
          // replaced by a renewal; only a revoked (compromised) certificate turns the page red.
          allStanding:
            doc.signatures.length > 0 && doc.signatures.every((s) => STANDING.has(s.certificateStatus)),
          signatures: doc.signatures.map((s) => ({ ...s, statusLabel: statusLabel(s.certificateStatus) })),
        });
      },
    },
  ];
}
