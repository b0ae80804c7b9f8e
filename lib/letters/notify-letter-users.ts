import type { Knex } from 'knex';

export type LetterNotificationKind = 'task' | 'reminder' | 'overdue' | 'returned' | 'sent' | 'withdrawn';

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
 * Stores one notification per active person concerned (deduplicated), linking to the letter, in one
 * transaction. Returns the users notified.
 */
export async function notifyLetterUsers(db: Knex, input: NotifyLetterUsersInput): Promise<number[]> {
  const ids = new Set(input.userIds.filter((id) => Number.isInteger(id) && id > 0));
  if (input.opdAdminsOf !== undefined) {
    const admins = await db('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where({ 'users.opd_id': input.opdAdminsOf, 'user_roles.role': 'admin_opd' })
      .pluck('users.id');
    for (const id of admins) ids.add(Number(id));
  }
  if (input.alsoSuperiors && input.userIds.length) {
    const superiors = await db('users')
      .whereIn('id', input.userIds)
      .whereNotNull('superior_id')
      .pluck('superior_id');
    for (const id of superiors) ids.add(Number(id));
  }
  if (ids.size === 0) return [];
  const active: number[] = (
    await db('users')
      .whereIn('id', [...ids])
      .where({ active: true })
      .pluck('id')
  ).map(Number);
  if (active.length === 0) return [];
  const now = new Date();
  await db.transaction(async (trx) => {
    await trx('notifications').insert(
      active.map((userId) => ({
        user_id: userId,
        kind: input.kind,
        title: input.title.slice(0, 300),
        link: `/surat/${input.letterId}`,
        created_at: now,
      })),
    );
  });
  return active.sort((a, b) => a - b);
}
