import { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { filteredPager } from '../filtered-pager';
import { signerRegistryQuery } from '../../api/routes/signer-registry';
import { describePassphraseProblem } from '../../lib/certificates/describe-passphrase-problem';
import { enrolCertificate } from '../../lib/certificates/enrol-certificate';
import { EXPIRY_WARNING_DAYS } from '../../lib/certificates/expiry-thresholds';
import { listSignerRegistry } from '../../lib/certificates/list-signer-registry';
import { SIGNER_STATUSES, SIGNER_STATUS_LABELS } from '../../lib/certificates/signer-statuses';
import { AppError, NotFoundError } from '../../lib/errors';
import { rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';

const FILTERS = ['opd', 'status', 'q'] as const;
const PAGE_SIZE = 25;
const BADGES = {
  active: 'text-bg-success',
  expiring: 'text-bg-warning',
  expired: 'text-bg-secondary',
  revoked: 'text-bg-danger',
  none: 'text-bg-light border',
} as const;
const NOTICES: Record<string, string> = {
  terbit: 'Sertifikat telah diterbitkan. Pejabat yang bersangkutan menyimpan passphrase-nya sendiri.',
  diperpanjang: 'Sertifikat telah diperpanjang; sertifikat lama dicabut sebagai "diganti sertifikat baru".',
};
const enrolForm = z.object({ passphrase: z.string().default(''), confirmation: z.string().default('') });

/**
 * "Penandatangan dan Sertifikat": the signer registry (superadmin: every OPD, with enrol, renew and
 * revoke per row; admin_opd: their own OPD, read-only), and the superadmin's enrolment form, where the
 * official types their own passphrase at the desk.
 */
export function signerRegistryPages({ db, files, config, pages }: AppDeps): RouteDef[] {
  const pkiDeps = { db, files, pki: config.pki, publicUrl: config.publicUrl };

  async function person(ctx: AppContext) {
    const id = Number(ctx.params.userId);
    const row = Number.isInteger(id)
      ? await db('users')
          .leftJoin('opd', 'opd.id', 'users.opd_id')
          .where('users.id', id)
          .first('users.id', 'users.name', 'users.nip', 'users.position', 'opd.name as opd_name')
      : undefined;
    if (!row) throw new NotFoundError('Pengguna tidak ditemukan.');
    return row;
  }

  function showEnrol(ctx: AppContext, official: Record<string, unknown>, error?: string) {
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'signer-registry-enrol', { title: 'Terbitkan Sertifikat', official, error });
  }

  return [
    {
      method: 'get',
      path: '/admin/penandatangan',
      access: rolesOnly('admin_opd'),
      summary: 'The signer registry with filters and the count of certificates expiring soon.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const query = parseInput(signerRegistryQuery, { ...ctx.query, pageSize: PAGE_SIZE });
        const result = await listSignerRegistry(db, actor, query);
        const isSuperadmin = actor.roles.includes('superadmin');
        const { filters, pager } = filteredPager(FILTERS, query, result, PAGE_SIZE);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'signer-registry', {
          title: 'Penandatangan dan Sertifikat',
          isSuperadmin,
          filters,
          notice: NOTICES[String(ctx.query.info ?? '')],
          warningDays: EXPIRY_WARNING_DAYS,
          opds: isSuperadmin
            ? (await db('opd').orderBy('name').select('id', 'name')).map((o) => ({
                id: o.id,
                name: o.name,
                selected: String(o.id) === filters.opd,
              }))
            : [],
          statuses: SIGNER_STATUSES.map((s) => ({
            value: s,
            label: SIGNER_STATUS_LABELS[s],
            selected: s === filters.status,
          })),
          items: result.items.map((item) => ({
            ...item,
            badge: BADGES[item.status],
            canEnrol:
              isSuperadmin &&
              item.user.active &&
              item.user.hasSignerRole &&
              item.certificate?.daysLeft == null,
            canChange: isSuperadmin && item.certificate?.daysLeft != null,
          })),
          total: result.total,
          expiringSoon: result.expiringSoon,
          pager,
        });
      },
    },
    {
      method: 'get',
      path: '/admin/penandatangan/:userId/terbitkan',
      access: rolesOnly('superadmin'),
      summary: 'The form on which an official, at the superadmin’s desk, gets a certificate.',
      handler: async (ctx) => showEnrol(ctx, await person(ctx)),
    },
    {
      method: 'post',
      path: '/admin/penandatangan/:userId/terbitkan',
      access: rolesOnly('superadmin'),
      summary: 'Issue a certificate to an official, protected by the passphrase they type.',
      handler: async (ctx) => {
        const official = await person(ctx);
        const form = enrolForm.parse(ctx.request.body ?? {});
        const problem = describePassphraseProblem(form.passphrase, form.confirmation);
        if (problem) {
          ctx.status = 400;
          return showEnrol(ctx, official, problem);
        }
        try {
          await enrolCertificate(pkiDeps, requireAuth(ctx).actor, {
            userId: Number(official.id),
            passphrase: form.passphrase,
          });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          ctx.status = err.status;
          return showEnrol(ctx, official, err.message);
        }
        ctx.redirect('/admin/penandatangan?info=terbit');
      },
    },
  ];
}
