import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, NotFoundError } from '../errors';
import { indexArchiveText } from '../search/index-archive-text';
import {
  sendNotificationEmails,
  type MailSettings,
  type NotificationMail,
} from '../notifications/send-notification-emails';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

/**
 * Delivers a signed letter: one incoming letter (status 'received') in each recipient OPD, 'to' or 'cc'
 * (tembusan), each OPD's admin_opd notified, and the letter's sent_at, with the audit row, in one
 * transaction. The unique (opd_id, letter_id) makes a repeat deliver nothing twice and notify no one
 * twice; the e-mail copies go out once it committed. Returns the incoming letters the letter has, new
 * or not (each then runs its own workflow).
 */
export async function deliverLetter(
  db: Knex,
  mail: MailSettings,
  input: { letterId: number },
): Promise<{ delivered: number; incoming: { incomingId: number; opdId: number }[] }> {
  const result = await transactionRetryingDeadlocks(db, async (trx) => {
    // Collected per attempt: a transaction run again after a deadlock mails each admin once.
    const mails: NotificationMail[] = [];
    const letter = await trx('letters').where({ id: input.letterId }).forUpdate().first();
    if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
    if (letter.signed_file_id === null || !letter.number || !letter.number_date) {
      throw new ConflictError('Surat belum ditandatangani sehingga belum dapat dikirim.');
    }
    const sender = await trx('opd').where({ id: letter.opd_id }).first('name');
    const recipients = await trx('letter_recipients')
      .where({ letter_id: input.letterId })
      .orderBy('id')
      .select('opd_id', 'kind');
    const existing = new Map<number, number>(
      (
        await trx('incoming_letters')
          .where({ letter_id: input.letterId })
          .orderBy('id')
          .select('id', 'opd_id')
      ).map((r) => [Number(r.opd_id), Number(r.id)]),
    );
    const now = new Date();
    const added: number[] = [];
    for (const recipient of recipients) {
      const opdId = Number(recipient.opd_id);
      if (existing.has(opdId)) continue;
      const [id] = await trx('incoming_letters').insert({
        opd_id: opdId,
        letter_id: input.letterId,
        source: 'delivery',
        recipient_kind: recipient.kind === 'cc' ? 'cc' : 'to',
        sender_opd_id: letter.opd_id,
        sender_name: sender.name,
        number: letter.number,
        letter_date: letter.number_date,
        subject: letter.subject,
        sifat: letter.sifat,
        urgency: letter.urgency,
        classification: letter.classification,
        received_at: now,
        status: 'received',
        created_at: now,
        updated_at: now,
      });
      existing.set(opdId, Number(id));
      added.push(opdId);
      const admins = await trx('users')
        .join('user_roles', 'user_roles.user_id', 'users.id')
        .where({ 'users.opd_id': opdId, 'users.active': true, 'user_roles.role': 'admin_opd' })
        .pluck('users.id');
      const title =
        recipient.kind === 'cc'
          ? `Tembusan surat dari ${sender.name}: ${letter.subject}`
          : `Surat masuk dari ${sender.name}: ${letter.subject}`;
      const link = `/surat-masuk/${Number(id)}`;
      if (admins.length) {
        await trx('notifications').insert(
          admins.map((userId: number) => ({
            user_id: userId,
            kind: 'incoming',
            title: title.slice(0, 300),
            link,
            created_at: now,
          })),
        );
        mails.push({ userIds: admins.map(Number), title: title.slice(0, 300), link });
      }
    }
    await indexArchiveText(
      trx,
      'masuk',
      added.map((opdId) => existing.get(opdId)!),
    );
    if (added.length || letter.sent_at === null) {
      await trx('letters')
        .where({ id: input.letterId })
        .update({ sent_at: letter.sent_at ?? now, updated_at: now });
      await appendAudit(trx, {
        actorId: null,
        opdId: Number(letter.opd_id),
        action: 'letter.deliver',
        entityType: 'letter',
        entityId: input.letterId,
        data: { recipientOpdIds: added },
      });
    }
    return {
      delivered: existing.size,
      incoming: [...existing].map(([opdId, incomingId]) => ({ incomingId, opdId })),
      mails,
    };
  });
  for (const notice of result.mails) await sendNotificationEmails(db, mail, notice);
  return { delivered: result.delivered, incoming: result.incoming };
}
