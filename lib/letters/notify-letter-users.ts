import type { Knex } from 'knex';
import type { MailSettings } from '../notifications/send-notification-emails';
import { storeNotifications } from '../notifications/store-notifications';
import { listActingOfficials } from '../delegation/list-acting-officials';

export type LetterNotificationKind = 'task' | 'reminder' | 'overdue' | 'returned' | 'sent' | 'withdrawn';

const ACTIONABLE = new Set<LetterNotificationKind>(['task', 'reminder', 'overdue']);

export interface NotifyLetterUsersInput {
  letterId: number;
  userIds: number[];
  /** Also every active admin_opd of this OPD. */
  opdAdminsOf?: number;
  /** Also the superiors (atasan) of the people in userIds. */
  alsoSuperiors?: boolean;
  kind: LetterNotificationKind;
  title: string;
}

/**
 * Stores one notification per active person concerned (deduplicated), linking to the letter, through
 * the shared writer, which also e-mails those who asked when `mail` has an SMTP server. Returns the
 * users notified.
 */
export async function notifyLetterUsers(
  db: Knex,
  input: NotifyLetterUsersInput,
  mail: MailSettings,
): Promise<number[]> {
  const ids = [...input.userIds];
  if (input.opdAdminsOf !== undefined) {
    const admins = await db('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where({ 'users.opd_id': input.opdAdminsOf, 'user_roles.role': 'admin_opd' })
      .pluck('users.id');
    ids.push(...admins.map(Number));
  }
  // Work waiting for an official also reaches whoever stands in for them as Plt / Plh.
  if (ACTIONABLE.has(input.kind)) ids.push(...(await listActingOfficials(db, input.userIds)));
  if (input.alsoSuperiors && input.userIds.length) {
    const superiors = await db('users')
      .whereIn('id', input.userIds)
      .whereNotNull('superior_id')
      .pluck('superior_id');
    ids.push(...superiors.map(Number));
  }
  return storeNotifications(db, mail, {
    userIds: ids,
    kind: input.kind,
    title: input.title,
    link: `/surat/${input.letterId}`,
  });
}
