import type { Knex } from 'knex';
import type { MailSettings } from '../notifications/send-notification-emails';
import { storeNotifications } from '../notifications/store-notifications';
import { DELEGATION_PREFIX, type DelegationKind } from './delegation-kinds';

const wibDate = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long' });

/** Tells the acting official, and the official they stand in for, about a new Plt / Plh. */
export async function notifyDelegation(
  db: Knex,
  mail: MailSettings,
  input: { kind: DelegationKind; principalId: number; actingId: number; startDate: string; endDate: string },
): Promise<void> {
  const principal = await db('users').where({ id: input.principalId }).first('name', 'position');
  const acting = await db('users').where({ id: input.actingId }).first('name');
  const day = (iso: string) => wibDate.format(new Date(`${iso}T00:00:00+07:00`));
  const period = `${day(input.startDate)} s.d. ${day(input.endDate)}`;
  const prefix = DELEGATION_PREFIX[input.kind];
  await storeNotifications(db, mail, {
    userIds: [input.actingId],
    kind: 'delegation',
    title: `Anda ditunjuk sebagai ${prefix} ${principal.position} (${principal.name}), ${period}`,
    body: 'Tugas verifikasi dan penandatanganan pejabat tersebut juga masuk ke daftar tugas Anda selama masa itu.',
    link: '/delegasi',
  });
  await storeNotifications(db, mail, {
    userIds: [input.principalId],
    kind: 'delegation',
    title: `${acting.name} ditunjuk sebagai ${prefix} untuk jabatan Anda, ${period}`,
    link: '/delegasi',
  });
}
