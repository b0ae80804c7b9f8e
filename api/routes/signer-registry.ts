import { z } from 'zod';
import { listSignerRegistry } from '../../lib/certificates/list-signer-registry';
import { SIGNER_STATUSES } from '../../lib/certificates/signer-statuses';
import { rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { blank } from '../../lib/validation/form-filters';

export const signerRegistryQuery = z.object({
  opd: z.preprocess(blank, z.coerce.number().int().positive('harus id yang sah').optional()),
  status: z.preprocess(
    blank,
    z.enum(SIGNER_STATUSES, { message: `salah satu dari ${SIGNER_STATUSES.join(', ')}` }).optional(),
  ),
  q: z.preprocess(blank, z.string().trim().max(100, 'paling panjang 100 karakter').optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1, 'minimal 1').default(1)),
  pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(100, 'paling banyak 100').default(25)),
});

/** The signer registry (superadmin: every OPD; admin_opd: their own, read-only). */
export function signerRegistryRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/admin/signers',
      access: rolesOnly('admin_opd'),
      input: { query: signerRegistryQuery },
      summary:
        'Signer registry: everyone with the signing role or a certificate, the current certificate and its ' +
        'status (active, expiring, expired, revoked, none), and how many expire within 30 days ' +
        '(?opd=, status=, q=, page=, pageSize=).',
      handler: async (ctx) => {
        ctx.body = await listSignerRegistry(
          db,
          requireAuth(ctx).actor,
          parseInput(signerRegistryQuery, ctx.query),
        );
      },
    },
  ];
}
