import { z } from 'zod';
import { enrolCertificate } from '../../lib/certificates/enrol-certificate';
import { renewCertificate } from '../../lib/certificates/renew-certificate';
import { NotFoundError } from '../../lib/errors';
import { listSigners } from '../../lib/pki/list-signers';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { ANY_USER, rolesOnly, scopeToOpd } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams } from '../../lib/validation/record-id';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const passphrase = z.string().min(8, 'minimal 8 karakter').max(128, 'maksimal 128 karakter');
const enrolment = z.object({ userId: z.coerce.number().int().positive().optional(), passphrase });
const renewal = z.object({
  passphrase: z.string().min(1, 'wajib diisi').max(256, 'maksimal 256 karakter'),
  newPassphrase: passphrase.optional(),
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
      input: { query: signerQuery },
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
      input: { body: enrolment },
      summary:
        'Enrol a signing official (oneself, or anyone for a superadmin): issue a certificate whose key is ' +
        'protected by the official’s passphrase.',
      handler: async (ctx) => {
        const input = parseInput(enrolment, ctx.request.body);
        ctx.status = 201;
        ctx.body = await enrolCertificate(pkiDeps, requireAuth(ctx).actor, input);
      },
    },
    {
      method: 'post',
      path: '/api/v1/certificates/:id/renew',
      access: rolesOnly('superadmin', 'penandatangan'),
      input: { params: idParams, body: renewal },
      summary:
        'Renew a valid certificate (its holder, or a superadmin) with its current passphrase and an optional ' +
        'new one: the new certificate is issued and the old one revoked as superseded in one step.',
      handler: async (ctx) => {
        const id = Number(ctx.params.id);
        if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('Sertifikat tidak ditemukan.');
        const input = parseInput(renewal, ctx.request.body);
        ctx.status = 201;
        ctx.body = await renewCertificate(pkiDeps, requireAuth(ctx).actor, { certificateId: id, ...input });
      },
    },
    {
      method: 'post',
      path: '/api/v1/certificates/:id/revoke',
      access: rolesOnly('superadmin'),
      input: { params: idParams, body: revocation },
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
