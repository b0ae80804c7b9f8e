import { SMTPServer } from 'smtp-server';
import { notifyIncoming } from '../../lib/incoming/notify-incoming';
import { notifyLetterUsers } from '../../lib/letters/notify-letter-users';
import { getNotificationPreferences } from '../../lib/notifications/get-notification-preferences';
import { mailSettingsOf, type MailSettings } from '../../lib/notifications/send-notification-emails';
import { setNotificationPreferences } from '../../lib/notifications/set-notification-preferences';
import { freePort } from '../support/free-port';
import { createDeliveredIncoming, opdPeople } from '../support/incoming';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server (no TLS, no login) that keeps every message it accepts. */
async function startSmtpServer(): Promise<{ port: number; inbox: ReceivedMail[]; close(): Promise<void> }> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Headers may be folded over several lines.
        const raw = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/\r\n[ \t]+/g, ' ');
        const [head, ...body] = raw.split('\r\n\r\n');
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(head)?.[1].trim() ?? '',
          text: body.join('\r\n\r\n'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(DATABASE_KINDS)('notification e-mail on %s', (kind) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let people: Awaited<ReturnType<typeof opdPeople>>;
  let mail: MailSettings;
  const warnings: [string, Record<string, unknown>][] = [];
  const subject = 'Undangan Rapat Koordinasi Dana BOS';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestDatabase(kind, { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    await seedTestDatabase(t);
    people = await opdPeople(t.db, 'DISDIK');
    mail = mailSettingsOf(t.config, (message, attrs) => warnings.push([message, attrs]));
  });
  afterAll(async () => {
    await smtp.close();
    await t.drop();
  });
  beforeEach(() => {
    smtp.inbox.length = 0;
    warnings.length = 0;
  });

  const address = (username: string) => `${username}@kuansing.go.id`;
  const notificationsOf = (incomingId: number) =>
    t
      .db('notifications')
      .where({ link: `/surat-masuk/${incomingId}` })
      .orderBy('user_id');

  it('keeps each person’s choice, off unless they turn it on, with an audit row per change', async () => {
    expect(await getNotificationPreferences(t.db, people.staf2)).toEqual({ emailEnabled: false });
    await setNotificationPreferences(t.db, people.staf2, { emailEnabled: true });
    await setNotificationPreferences(t.db, people.staf2, { emailEnabled: true });
    expect(await getNotificationPreferences(t.db, people.staf2)).toEqual({ emailEnabled: true });
    await setNotificationPreferences(t.db, people.staf2, { emailEnabled: false });
    expect(await getNotificationPreferences(t.db, people.staf2)).toEqual({ emailEnabled: false });
    const audits = await t
      .db('audit_log')
      .where({ action: 'notification.preferences', entity_id: String(people.staf2) })
      .orderBy('id');
    expect(audits.map((a) => JSON.parse(a.data))).toEqual([{ emailEnabled: true }, { emailEnabled: false }]);
  });

  it('e-mails exactly one message, with the Indonesian title, to the one who turned e-mail on', async () => {
    await setNotificationPreferences(t.db, people.staf1, { emailEnabled: true });
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject });
    const notified = await notifyIncoming(t.db, mail, {
      incomingId,
      userIds: [people.staf1, people.staf2, people.staf1],
      kind: 'disposition',
    });
    expect(notified).toEqual([people.staf1, people.staf2].sort((a, b) => a - b));
    expect((await notificationsOf(incomingId)).map((n) => [n.user_id, n.kind, n.title])).toEqual(
      [people.staf1, people.staf2]
        .sort((a, b) => a - b)
        .map((id) => [id, 'disposition', `Disposisi baru: ${subject}`]),
    );
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]).toMatchObject({
      to: [address('staf1.disdik')],
      subject: `Disposisi baru: ${subject}`,
    });
    expect(smtp.inbox[0].text).toContain(`${t.config.publicUrl}/surat-masuk/${incomingId}`);
    expect(warnings).toEqual([]);
  });

  it('writes to no one inactive or without an address, and the bagian umum too when asked', async () => {
    await setNotificationPreferences(t.db, people.staf3, { emailEnabled: true });
    await setNotificationPreferences(t.db, people.admin, { emailEnabled: true });
    await setNotificationPreferences(t.db, people.verifikator2, { emailEnabled: true });
    await t.db('users').where({ id: people.staf3 }).update({ active: false });
    await t.db('users').where({ id: people.verifikator2 }).update({ email: '' });
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject });
    await notifyIncoming(t.db, mail, {
      incomingId,
      userIds: [people.staf3, people.verifikator2],
      alsoOpdAdmins: true,
      kind: 'overdue',
    });
    expect((await notificationsOf(incomingId)).map((n) => n.user_id)).toEqual(
      [people.admin, people.verifikator2].sort((a, b) => a - b),
    );
    expect(smtp.inbox.map((m) => [m.to, m.subject])).toEqual([
      [[address('admin.disdik')], `Disposisi melewati tenggat: ${subject}`],
    ]);
    await t.db('users').where({ id: people.staf3 }).update({ active: true });
  });

  it('e-mails letter notices through the same writer', async () => {
    await notifyLetterUsers(
      t.db,
      { letterId: 41, userIds: [people.staf1], kind: 'task', title: 'Surat menunggu verifikasi Anda' },
      mail,
    );
    expect(smtp.inbox.map((m) => [m.to, m.subject])).toEqual([
      [[address('staf1.disdik')], 'Surat menunggu verifikasi Anda'],
    ]);
    expect(smtp.inbox[0].text).toContain(`${t.config.publicUrl}/surat/41`);
  });

  it('sends nothing without an SMTP server configured', async () => {
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject });
    await notifyIncoming(
      t.db,
      { ...mail, smtpUrl: undefined },
      { incomingId, userIds: [people.staf1], kind: 'reminder' },
    );
    expect(await notificationsOf(incomingId)).toHaveLength(1);
    expect(smtp.inbox).toEqual([]);
  });

  it('stores the notification when the SMTP server is down, and logs the failure without the password', async () => {
    const down = await freePort();
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject });
    await notifyIncoming(
      t.db,
      { ...mail, smtpUrl: `smtp://eoffice:Rahasia-Sekali@127.0.0.1:${down}` },
      { incomingId, userIds: [people.staf1], kind: 'recalled' },
    );
    expect((await notificationsOf(incomingId)).map((n) => [n.user_id, n.title])).toEqual([
      [people.staf1, `Disposisi ditarik kembali: ${subject}`],
    ]);
    expect(warnings).toEqual([
      [
        'notification e-mail not sent',
        expect.objectContaining({ userId: people.staf1, reason: expect.stringContaining('ECONNREFUSED') }),
      ],
    ]);
    expect(JSON.stringify(warnings)).not.toContain('Rahasia-Sekali');
  });
});
