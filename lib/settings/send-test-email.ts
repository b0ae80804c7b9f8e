import type { Knex } from 'knex';
import { createTransport } from 'nodemailer';
import type { Config } from '../config';
import { AppError, ValidationError } from '../errors';
import { MAIL_TIMEOUTS } from '../notifications/send-notification-emails';
import { loadSystemSettings } from './system-settings';

/** Why a send failed, in words an admin can act on; never the server's own text, which could echo a login. */
function failureReason(error: unknown): string {
  const e = error as { code?: string; responseCode?: number };
  if (e.code === 'EAUTH') return 'nama pengguna atau kata sandi SMTP ditolak';
  if (e.code === 'ECONNREFUSED') return 'server SMTP menolak sambungan (periksa host dan port)';
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNECTION') return 'server SMTP tidak dapat dihubungi';
  if (e.code === 'EDNS') return 'nama host SMTP tidak ditemukan';
  if (e.code === 'ETLS' || e.code === 'ESOCKET')
    return 'sambungan aman (TLS) gagal; periksa pilihan SSL/TLS dan port';
  return `galat ${e.code ?? 'tak dikenal'}${e.responseCode ? ` (kode ${e.responseCode})` : ''}`;
}

/** "Kirim e-mail uji": one message through the saved SMTP settings to the admin's own address. */
export async function sendTestEmail(db: Knex, config: Config, actorId: number): Promise<{ to: string }> {
  const settings = await loadSystemSettings(db, config);
  if (!settings.mail.smtpUrl) {
    throw new ValidationError(
      'Server SMTP belum diatur. Isi host SMTP lalu simpan pengaturan terlebih dahulu.',
    );
  }
  const user = await db('users').where({ id: actorId }).first('name', 'email');
  if (!user?.email) {
    throw new ValidationError('Akun Anda belum memiliki alamat e-mail. Isi alamat e-mail di profil Anda.');
  }
  const transport = createTransport(
    { url: settings.mail.smtpUrl, ...MAIL_TIMEOUTS },
    { from: settings.mail.from },
  );
  try {
    await transport.sendMail({
      to: { name: user.name, address: user.email },
      subject: `E-mail uji ${settings.instanceName}`,
      text: [
        `Yth. ${user.name},`,
        '',
        `Ini e-mail uji dari ${settings.instanceName}. Jika Anda menerimanya, pengaturan SMTP sudah benar.`,
      ].join('\n'),
    });
  } catch (error) {
    throw new AppError(502, 'mail_failed', `E-mail uji tidak terkirim: ${failureReason(error)}.`);
  } finally {
    transport.close();
  }
  return { to: user.email };
}
