import { z } from 'zod';
import { enrolCertificate } from '../../lib/certificates/enrol-certificate';
import { daysUntil } from '../../lib/certificates/days-until';
import { describePassphraseProblem } from '../../lib/certificates/describe-passphrase-problem';
import { EXPIRY_WARNING_DAYS } from '../../lib/certificates/expiry-thresholds';
import { renewCertificate } from '../../lib/certificates/renew-certificate';
import { AppError, NotFoundError } from '../../lib/errors';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { toDate } from '../../lib/db/to-date';
import { rolesOnly } from '../../lib/rbac/policy';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

const enrolForm = z.object({ passphrase: z.string(), confirmation: z.string() });
const renewForm = z.object({
  passphrase: z.string().default(''),
  newPassphrase: z.string().default(''),
  confirmation: z.string().default(''),
});
const revokeForm = z.object({ reason: z.string().trim() });

const NOTICES: Record<string, string> = {
  terbit:
    'Sertifikat elektronik Anda telah terbit. Simpan passphrase Anda baik-baik: tanpa passphrase, sertifikat tidak dapat dipakai dan tidak dapat dipulihkan.',
  diperpanjang:
    'Sertifikat telah diperpanjang: sertifikat baru aktif, sertifikat lama dicabut dengan alasan "diganti sertifikat baru". Surat yang sudah ditandatangani tetap tercatat.',
  dicabut: 'Sertifikat telah dicabut dan daftar pencabutan (CRL) telah diperbarui.',
};

/**
 * "Sertifikat Elektronik": an official enrols with a passphrase only they know and renews with it;
 * a superadmin sees every certificate, renews (with the holder at the desk) and revokes.
 */
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
      const status = c.status === 'active' && notAfter <= now ? 'expired' : c.status;
      const daysLeft = status === 'active' ? daysUntil(notAfter, now) : null;
      return {
        ...c,
        notAfter,
        notBefore: toDate(c.not_before),
        status,
        active: status === 'active',
        daysLeft,
        expiring: daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS,
      };
    });
  }

  async function show(ctx: AppContext, data: Record<string, unknown> = {}) {
    const { actor } = requireAuth(ctx);
    const certificates = await listFor(ctx);
    const own = certificates.find((c) => c.active && Number(c.user_id) === actor.id);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'certificates', {
      title: 'Sertifikat Elektronik',
      certificates,
      canEnrol: actor.roles.includes('penandatangan'),
      own,
      isSuperadmin: actor.roles.includes('superadmin'),
      notice: NOTICES[String(ctx.query.info ?? '')],
      ...data,
    });
  }

  /** An active certificate the caller may renew: their own, or any for a superadmin. */
  async function renewable(ctx: AppContext) {
    const cert = (await listFor(ctx)).find((c) => Number(c.id) === Number(ctx.params.id));
    if (!cert || !cert.active) throw new NotFoundError('Sertifikat aktif tidak ditemukan.');
    return cert;
  }

  return [
    {
      method: 'get',
      path: '/sertifikat',
      access: rolesOnly('penandatangan', 'superadmin'),
      summary: 'One’s certificates (all of them for a superadmin), the enrolment or the renewal form.',
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
        const problem = form.success
          ? describePassphraseProblem(form.data.passphrase, form.data.confirmation)
          : 'Isi passphrase dan konfirmasinya.';
        if (problem || !form.success) {
          ctx.status = 400;
          return show(ctx, { error: problem });
        }
        try {
          await enrolCertificate(pkiDeps, actor, { passphrase: form.data.passphrase });
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
      path: '/sertifikat/:id/perpanjang',
      access: rolesOnly('penandatangan'),
      summary: 'The renewal form for one active certificate (its holder, or a superadmin).',
      handler: async (ctx) => {
        const cert = await renewable(ctx);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'certificate-renew', { title: 'Perpanjang Sertifikat', cert });
      },
    },
    {
      method: 'post',
      path: '/sertifikat/:id/perpanjang',
      access: rolesOnly('penandatangan'),
      summary:
        'Renew a certificate with its current passphrase: a new one is issued, the old one superseded.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const cert = await renewable(ctx);
        const form = renewForm.parse(ctx.request.body ?? {});
        const problem = !form.passphrase
          ? 'Isi passphrase sertifikat yang sekarang.'
          : form.newPassphrase
            ? describePassphraseProblem(form.newPassphrase, form.confirmation)
            : null;
        const fail = (status: number, error: string) => {
          ctx.status = status;
          ctx.type = 'html';
          ctx.body = pages.render(ctx, 'certificate-renew', { title: 'Perpanjang Sertifikat', cert, error });
        };
        if (problem) return fail(400, problem);
        try {
          await renewCertificate(pkiDeps, actor, {
            certificateId: Number(cert.id),
            passphrase: form.passphrase,
            newPassphrase: form.newPassphrase || undefined,
          });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          return fail(err.status, err.message);
        }
        ctx.redirect(
          Number(cert.user_id) === actor.id
            ? '/sertifikat?info=diperpanjang'
            : '/admin/penandatangan?info=diperpanjang',
        );
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
