import type { Knex } from 'knex';

export interface NotificationPreferences {
  /** Also send each notification by e-mail (to the address in the user's profile). */
  emailEnabled: boolean;
}

/** A user's notification choices; without a saved choice, in-app only. */
export async function getNotificationPreferences(db: Knex, userId: number): Promise<NotificationPreferences> {
  const row = await db('notification_preferences').where({ user_id: userId }).first('email_enabled');
  return { emailEnabled: Boolean(row?.email_enabled) };
}
