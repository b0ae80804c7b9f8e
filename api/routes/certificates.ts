import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { issueCertificate } from '../../lib/pki/issue-certificate';
import { listSigners } from '../../lib/pki/list-signers';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { ANY_USER, rolesOnly, scopeToOpd } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const enrolment = z.object({
  userId: z.coerce.number().int().positive().optional(),
  passphrase: z.string().min(8, 'minimal 8 karakter').max(128, 'maksimal 128 karakter'),
  renew: z.boolean().optional(),
});
const revocation = z.object({ reason: z.string().trim().min(3, 'wajib diisi').max(200) });
const signerQuery = z.object({ opd: z.coerce.number().int().positive().optional() });

export function certificateRoutes({ db, files, config }: AppDeps): RouteDef[] {
  const pkiDeps = { db, files, pki: config.pki, publicUrl: config.publicUrl };
  return [
    {
      method: 'get',
      path: '/api/v1/signers',
      access: ANY_USER,
      summary: 'Officials who hold an active certificate (the only ones who may be chosen to sign).',
      handler: async (ctx) => {
        const { opd } = parseInput(signerQuery, ctx.query);
        ctx.body = { items: await listSigners(db, { opdId: scopeToOpd(requireAuth(ctx).actor, opd) }) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/certificates',
      access: rolesOnly('superadmin', 'penandatangan'),
      summary: 'Certificates: all of them for a superadmin, one’s own otherwise.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const q = db('certificates')
          .join('users', 'users.id', 'certificates.user_id')
          .orderBy('certificates.id', 'desc')
          .select(
            'certificates.id',
            'certificates.user_id as userId',
            'users.name',
            'certificates.serial',
            'certificates.subject',
            'certificates.status',
            'certificates.not_before as notBefore',
            'certificates.not_after as notAfter',
            'certificates.revoked_at as revokedAt',
          );
        if (!actor.roles.includes('superadmin')) q.where('certificates.user_id', actor.id);
        ctx.body = { items: await q };
      },
    },
    {
      method: 'post',
      path: '/api/v1/certificates',
      access: rolesOnly('superadmin', 'penandatangan'),
      summary: 'Enrol a signing official: issue a certificate whose key is protected by their passphrase.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const input = parseInput(enrolment, ctx.request.body);
        const userId = input.userId ?? actor.id;
        if (userId !== actor.id && !actor.roles.includes('superadmin')) {
          throw new ForbiddenError('Anda hanya dapat mendaftarkan sertifikat untuk diri sendiri.');
        }
        const role = await db('user_roles').where({ user_id: userId, role: 'penandatangan' }).first();
        if (!role) throw new ValidationError('Sertifikat hanya untuk pejabat penandatangan.');
        const issued = await issueCertificate(pkiDeps, {
          userId,
          passphrase: input.passphrase,
          actorId: actor.id,
          renew: input.renew,
        });
        ctx.status = 201;
        ctx.body = issued;
      },
    },
    {
      method: 'post',
      path: '/api/v1/certificates/:id/revoke',
      access: rolesOnly('superadmin'),
      summary: 'Revoke a certificate; the CRL is regenerated.',
      handler: async (ctx) => {
        const id = Number(ctx.params.id);
        const { reason } = parseInput(revocation, ctx.request.body);
        if (!Number.isInteger(id) || !(await db('certificates').where({ id }).first())) {
          throw new NotFoundError('Sertifikat tidak ditemukan.');
        }
        await revokeCertificate(pkiDeps, { certificateId: id, reason, actorId: requireAuth(ctx).actor.id });
        ctx.body = { id, status: 'revoked' };
      },
    },
  ];
}
