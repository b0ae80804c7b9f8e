import { z } from 'zod';
import { AppError, NotFoundError } from '../../lib/errors';
import { issueCertificate } from '../../lib/pki/issue-certificate';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { toDate } from '../../lib/db/to-date';
import { rolesOnly } from '../../lib/rbac/policy';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

const enrolForm = z.object({
  passphrase: z.string(),
  confirmation: z.string(),
  renew: z.string().optional(),
});
const revokeForm = z.object({ reason: z.string().trim() });

const NOTICES: Record<string, string> = {
  terbit:
    'Sertifikat elektronik Anda telah terbit. Simpan passphrase Anda baik-baik: tanpa passphrase, sertifikat tidak dapat dipakai dan tidak dapat dipulihkan.',
  dicabut: 'Sertifikat telah dicabut dan daftar pencabutan (CRL) telah diperbarui.',
};

/** "Sertifikat Elektronik": an official enrols with a passphrase only they know; a superadmin revokes. */
export function certificatePages({ db, files, config, pages }: AppDeps): RouteDef[] {
  const pkiDeps = { db, files, pki: config.pki, publicUrl: config.publicUrl };

  async function listFor(ctx: AppContext) {
    const { actor } = requireAuth(ctx);
    const q = db('certificates')
      .join('users', 'users.id', 'certificates.user_id')
      .orderBy('certificates.id', 'desc')
      .select('certificates.*', 'users.name', 'users.nip');
    if (!actor.roles.includes('superadmin')) q.where('certificates.user_id', actor.id);
    const now = new Date();
    return (await q).map((c) => {
      const notAfter = toDate(c.not_after) as Date;
      const status = c.status === 'active' && notAfter < now ? 'expired' : c.status;
      return { ...c, notAfter, notBefore: toDate(c.not_before), status, active: status === 'active' };
    });
  }

  async function show(ctx: AppContext, data: Record<string, unknown> = {}) {
    const { actor } = requireAuth(ctx);
    const certificates = await listFor(ctx);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'certificates', {
      title: 'Sertifikat Elektronik',
      certificates,
      canEnrol: actor.roles.includes('penandatangan'),
      hasActive: certificates.some((c) => c.active && Number(c.user_id) === actor.id),
      isSuperadmin: actor.roles.includes('superadmin'),
      notice: NOTICES[String(ctx.query.info ?? '')],
      ...data,
    });
  }

  return [
    {
      method: 'get',
      path: '/sertifikat',
      access: rolesOnly('penandatangan', 'superadmin'),
      summary: 'One’s certificates (all of them for a superadmin) and the enrolment form.',
      handler: (ctx) => show(ctx),
    },
    {
      method: 'post',
      path: '/sertifikat',
      access: rolesOnly('penandatangan'),
      summary: 'Enrol oneself: issue a certificate protected by a passphrase.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const form = enrolForm.safeParse(ctx.request.body);
        const problem = !form.success
          ? 'Isi passphrase dan konfirmasinya.'
          : form.data.passphrase.length < 8
            ? 'Passphrase minimal 8 karakter.'
            : form.data.passphrase !== form.data.confirmation
              ? 'Konfirmasi passphrase tidak sama.'
              : null;
        if (problem || !form.success) {
          ctx.status = 400;
          return show(ctx, { error: problem });
        }
        try {
          await issueCertificate(pkiDeps, {
            userId: actor.id,
            passphrase: form.data.passphrase,
            actorId: actor.id,
            renew: form.data.renew === '1',
          });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          ctx.status = err.status;
          return show(ctx, { error: err.message });
        }
        ctx.redirect('/sertifikat?info=terbit');
      },
    },
    {
      method: 'get',
      path: '/sertifikat/:id/cabut',
      access: rolesOnly('superadmin'),
      summary: 'Confirmation page before revoking a certificate.',
      handler: async (ctx) => {
        const cert = (await listFor(ctx)).find((c) => Number(c.id) === Number(ctx.params.id));
        if (!cert || !cert.active) throw new NotFoundError('Sertifikat aktif tidak ditemukan.');
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'certificate-revoke', { title: 'Cabut Sertifikat', cert });
      },
    },
    {
      method: 'post',
      path: '/sertifikat/:id/cabut',
      access: rolesOnly('superadmin'),
      summary: 'Revoke a certificate (after the confirmation page).',
      handler: async (ctx) => {
        const id = Number(ctx.params.id);
        const cert = (await listFor(ctx)).find((c) => Number(c.id) === id);
        if (!cert || !cert.active) throw new NotFoundError('Sertifikat aktif tidak ditemukan.');
        const form = revokeForm.safeParse(ctx.request.body);
        if (!form.success || form.data.reason.length < 3) {
          ctx.status = 400;
          ctx.type = 'html';
          ctx.body = pages.render(ctx, 'certificate-revoke', {
            title: 'Cabut Sertifikat',
            cert,
            error: 'Tuliskan alasan pencabutan.',
          });
          return;
        }
        await revokeCertificate(pkiDeps, {
          certificateId: id,
          reason: form.data.reason,
          actorId: requireAuth(ctx).actor.id,
        });
        ctx.redirect('/sertifikat?info=dicabut');
      },
    },
  ];
}
