import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { formatWibTime } from '../audit/format-wib-time';
import { toDate } from '../db/to-date';
import type { MailSettings } from '../notifications/send-notification-emails';
import { storeNotifications } from '../notifications/store-notifications';
import { daysUntil } from './days-until';
import { EXPIRY_NOTICE_DAYS } from './expiry-thresholds';

const DAY_MS = 86_400_000;

/**
 * The daily expiry warnings: each valid certificate of an active signing official that has entered
 * the last 30 or 7 days gets one notice per threshold, to its holder and to every superadmin, linking
 * to /sertifikat. A certificate first seen inside 7 days gets one notice, the 7-day one, and both
 * thresholds are recorded. Recording, notifications and audit share one transaction per certificate,
 * so a failure sends nothing and the next run tries again; a second run sends nothing new.
 * Returns how many certificates were announced.
 */
export async function notifyExpiringCertificates(
  db: Knex,
  mail: MailSettings,
  now = new Date(),
): Promise<number> {
  const widest = Math.max(...EXPIRY_NOTICE_DAYS);
  const expiring = await db('certificates')
    .join('users', 'users.id', 'certificates.user_id')
    .where('certificates.status', 'active')
    .where('certificates.not_after', '>', now)
    .where('certificates.not_after', '<=', new Date(now.getTime() + widest * DAY_MS))
    .where('users.active', true)
    .whereExists((q) =>
      q.from('user_roles').whereRaw('user_roles.user_id = users.id').where('role', 'penandatangan'),
    )
    .orderBy('certificates.id')
    .select(
      'certificates.id',
      'certificates.serial',
      'certificates.not_after',
      'users.id as user_id',
      'users.name',
      'users.nip',
      'users.opd_id',
    );
  let announced = 0;
  for (const cert of expiring) {
    const notAfter = toDate(cert.not_after)!;
    const daysLeft = daysUntil(notAfter, now);
    const due = EXPIRY_NOTICE_DAYS.filter((days) => daysLeft <= days);
    const sent = await db.transaction(async (trx) => {
      // The certificate's row serialises overlapping runs; the unique key is the last word.
      await trx('certificates').where({ id: cert.id }).forUpdate().first('id');
      const recorded = (
        await trx('certificate_expiry_notices').where({ certificate_id: cert.id }).pluck('threshold_days')
      ).map(Number);
      const missing = due.filter((days) => !recorded.includes(days));
      if (!missing.length) return false;
      await trx('certificate_expiry_notices').insert(
        missing.map((days) => ({ certificate_id: cert.id, threshold_days: days, sent_at: now })),
      );
      const until = formatWibTime(notAfter);
      await storeNotifications(trx, mail, {
        userIds: [Number(cert.user_id)],
        kind: 'certificate_expiry',
        title: `Sertifikat elektronik Anda berakhir dalam ${daysLeft} hari`,
        body: `Sertifikat Anda berlaku sampai ${until}. Perpanjang sertifikat sebelum tanggal itu agar tetap dapat menandatangani surat.`,
        link: '/sertifikat',
      });
      const superadmins = (
        await trx('user_roles')
          .where({ role: 'superadmin' })
          .whereNot('user_id', cert.user_id)
          .pluck('user_id')
      ).map(Number);
      await storeNotifications(trx, mail, {
        userIds: superadmins,
        kind: 'certificate_expiry',
        title: `Sertifikat ${cert.name} (NIP ${cert.nip ?? '-'}) berakhir dalam ${daysLeft} hari`,
        body: `Berlaku sampai ${until}. Pemegangnya telah diberi tahu untuk memperpanjang.`,
        link: '/sertifikat',
      });
      await appendAudit(trx, {
        actorId: null,
        opdId: cert.opd_id === null ? null : Number(cert.opd_id),
        action: 'certificate.expiry_notice',
        entityType: 'certificate',
        entityId: Number(cert.id),
        data: {
          userId: Number(cert.user_id),
          serial: cert.serial,
          thresholdDays: Math.min(...missing),
          daysLeft,
          notAfter: notAfter.toISOString(),
        },
      });
      return true;
    });
    if (sent) announced++;
  }
  return announced;
}
