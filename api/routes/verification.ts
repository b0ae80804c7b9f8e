import { verifyUploadedPdf } from '../../lib/issued/verify-uploaded-pdf';
import { PUBLIC } from '../../lib/rbac/policy';
import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

export function verificationRoutes({ db, config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/v1/verify',
      access: PUBLIC,
      summary: 'Upload a PDF (multipart field "file"): is it authentic, unaltered, and who signed it?',
      upload: { field: 'file', maxBytes: config.uploadMaxBytes, types: ['application/pdf'] },
      handler: async (ctx) => {
        ctx.body = await verifyUploadedPdf(db, config.pki, ctx.state.upload!.bytes);
      },
    },
  ];
}
