import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { NotificationPreferences } from './get-notification-preferences';

/** Saves a user's notification choices with the audit row; the same choice again changes nothing. */
export async function setNotificationPreferences(
  db: Knex,
  userId: number,
  preferences: NotificationPreferences,
): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('notification_preferences').where({ user_id: userId }).forUpdate().first();
    if (row && Boolean(row.email_enabled) === preferences.emailEnabled) return;
    const values = { email_enabled: preferences.emailEnabled, updated_at: new Date() };
    if (row) await trx('notification_preferences').where({ user_id: userId }).update(values);
    else await trx('notification_preferences').insert({ user_id: userId, ...values });
    await appendAudit(trx, {
      actorId: userId,
      action: 'notification.preferences',
      entityType: 'user',
      entityId: userId,
      data: { emailEnabled: preferences.emailEnabled },
    });
  });
}
