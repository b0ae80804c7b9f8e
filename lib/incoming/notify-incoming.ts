import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import type { MailSettings } from '../notifications/send-notification-emails';
import { storeNotifications } from '../notifications/store-notifications';
import type { IncomingNoticeKind } from '../../workflows/incoming-letter-types';

export interface NotifyIncomingInput {
  incomingId: number;
  userIds: number[];
  /** Also every active admin_opd (bagian umum) of the letter's OPD. */
  alsoOpdAdmins?: boolean;
  kind: IncomingNoticeKind;
}

/** What each notice says before the letter's subject. */
const TITLES: Record<IncomingNoticeKind, string> = {
  disposition: 'Disposisi baru',
  reminder: 'Pengingat: disposisi mendekati tenggat',
  overdue: 'Disposisi melewati tenggat',
  recalled: 'Disposisi ditarik kembali',
  followed_up: 'Tindak lanjut disposisi dilaporkan',
  closed: 'Surat masuk ditutup',
};

/**
 * Notifies the people concerned about an incoming letter (title from the kind and the letter's subject,
 * linking to its page) through the shared writer, which skips inactive users, counts each person once
 * and e-mails those who asked. Returns the users notified.
 */
export async function notifyIncoming(
  db: Knex,
  mail: MailSettings,
  input: NotifyIncomingInput,
): Promise<number[]> {
  const letter = await db('incoming_letters').where({ id: input.incomingId }).first('opd_id', 'subject');
  if (!letter) throw new NotFoundError('Surat masuk tidak ditemukan.');
  const ids = [...input.userIds];
  if (input.alsoOpdAdmins) {
    const admins = await db('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where({ 'users.opd_id': letter.opd_id, 'user_roles.role': 'admin_opd' })
      .pluck('users.id');
    ids.push(...admins.map(Number));
  }
  return storeNotifications(db, mail, {
    userIds: ids,
    kind: input.kind,
    title: `${TITLES[input.kind]}: ${letter.subject}`,
    link: `/surat-masuk/${input.incomingId}`,
  });
}
