import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { sendNotificationEmails } from '../../lib/notifications/send-notification-emails';
import { setNotificationPreferences } from '../../lib/notifications/set-notification-preferences';
import { loadSystemSettings } from '../../lib/settings/system-settings';
import { startLetterWorkflow } from '../../lib/temporal/letter-workflow-client';
import type { OutgoingLetterInput } from '../../workflows/outgoing-letter-types';
import { freePort } from '../support/free-port';
import { userIds } from '../support/letters';
import { bearerTokens } from '../support/bearer-tokens';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * System settings through the real app on both databases: the round trip, validation that changes
 * nothing, the write-only and encrypted SMTP password, the audit row, who may use the routes, the test
 * e-mail and notification e-mails through a real SMTP server, and the deadlines a new letter's
 * workflow is started with.
 */

jest.setTimeout(60_000);

const SMTP_PASSWORD = 'Sandi-SMTP#Rahasia-77';
/** How nodemailer writes the sender 'Sekretariat e-Office <surat@kuansing.go.id>' into the header. */
const SENDER_HEADER = '"Sekretariat e-Office" <surat@kuansing.go.id>';

interface Received {
  from: string;
  to: string[];
  subject: string;
  login?: { username: string; password: string };
}

/** A real SMTP server (no TLS) that accepts any login and keeps each message with the login it came with. */
async function startSmtpServer() {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: { username: auth.username, password: auth.password } });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/\r\n[ \t]+/g, ' ')
          .split('\r\n\r\n')[0];
        inbox.push({
          from: /^From: (.*)$/m.exec(head)?.[1].trim() ?? '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(head)?.[1].trim() ?? '',
          login: session.user as unknown as Received['login'],
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(DATABASE_KINDS)('system settings on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const token: Record<string, string> = {};
  let users: Record<string, number>;

  const api = (user: string, method: 'get' | 'put' | 'post', path: string) => {
    const call = request(server);
    return call[method](path).set('Authorization', `Bearer ${token[user]}`).set('Accept', 'application/json');
  };
  const rows = () => t.db('system_settings').orderBy('key').select('key', 'value');
  const auditCount = async () => Number((await t.db('audit_log').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    users = await userIds(t.db, ['superadmin', 'staf1.disdik']);
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(token, await bearerTokens(server, ['superadmin', 'admin.diskominfo', 'staf1.diskominfo']));
  });
  afterAll(async () => {
    server?.close();
    await smtp?.close();
    await t?.drop();
  });

  it('shows the configured defaults, the password only as passwordSet', async () => {
    const res = await api('superadmin', 'get', '/api/v1/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      instanceName: 'e-Office Kabupaten Kuantan Singingi',
      verificationBaseUrl: t.config.publicUrl,
      mail: { host: '', passwordSet: false, from: t.config.mail.from },
      stepHours: t.config.letters.stepHours,
      workingDays: [1, 2, 3, 4, 5],
      holidays: [],
    });
    expect(res.body.mail).not.toHaveProperty('password');
    expect(await rows()).toEqual([]);
  });

  it('refuses a plain ASN and an admin_opd on every settings route', async () => {
    for (const user of ['staf1.diskominfo', 'admin.diskominfo']) {
      expect((await api(user, 'get', '/api/v1/admin/settings')).status).toBe(403);
      expect(
        (await api(user, 'put', '/api/v1/admin/settings').send({ instanceName: 'Diambil alih' })).status,
      ).toBe(403);
      expect((await api(user, 'post', '/api/v1/admin/settings/test-email')).status).toBe(403);
      expect((await api(user, 'get', '/admin/pengaturan')).status).toBe(403);
    }
    expect(await rows()).toEqual([]);
  });

  it('stores a change, reads it back, encrypts the SMTP password and audits only which keys changed', async () => {
    const before = await auditCount();
    const res = await api('superadmin', 'put', '/api/v1/admin/settings').send({
      instanceName: 'e-Office Pemkab Kuansing',
      verificationBaseUrl: 'https://eoffice.kuansing.go.id',
      mail: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: 'eoffice',
        password: SMTP_PASSWORD,
        from: 'Sekretariat e-Office <surat@kuansing.go.id>',
      },
      stepHours: { segera: 16 },
      reminderBeforeHours: { segera: 3, biasa: 8 },
      dispositionReminderBeforeHours: 12,
      workingDays: [6, 1, 2, 3, 4, 5],
      holidays: [
        { date: '2099-12-25', name: 'Hari Raya Natal' },
        { date: '2020-01-01', name: 'Tahun Baru Masehi' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual(
      [
        'instanceName',
        'verificationBaseUrl',
        'mail.host',
        'mail.port',
        'mail.user',
        'mail.password',
        'mail.from',
        'stepHours.segera',
        'reminderBeforeHours.segera',
        'reminderBeforeHours.biasa',
        'dispositionReminderBeforeHours',
        'workingDays',
        'holidays',
      ].sort(),
    );
    const shown = (await api('superadmin', 'get', '/api/v1/admin/settings')).body;
    expect(shown).toMatchObject({
      instanceName: 'e-Office Pemkab Kuansing',
      mail: { host: '127.0.0.1', port: smtp.port, user: 'eoffice', passwordSet: true },
      stepHours: { ...t.config.letters.stepHours, segera: 16 },
      reminderBeforeHours: { sangat_segera: 2, segera: 3, biasa: 8 },
      dispositionReminderBeforeHours: 12,
      workingDays: [1, 2, 3, 4, 5, 6],
      holidays: [
        { date: '2020-01-01', name: 'Tahun Baru Masehi' },
        { date: '2099-12-25', name: 'Hari Raya Natal' },
      ],
    });
    expect(JSON.stringify(shown)).not.toContain(SMTP_PASSWORD);

    const stored = await rows();
    expect(stored.map((r) => r.key)).toContain('mail.password');
    expect(JSON.stringify(stored)).not.toContain(SMTP_PASSWORD);
    expect(JSON.parse(stored.find((r) => r.key === 'mail.password')!.value)).toMatchObject({
      alg: 'A256GCM',
    });

    expect(await auditCount()).toBe(before + 1);
    const audit = await t.db('audit_log').orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ action: 'settings.update', actor_id: users.superadmin });
    expect(JSON.parse(audit.data).changed.sort()).toEqual(res.body.changed.sort());
    expect(audit.data).not.toContain(SMTP_PASSWORD);

    const settings = await loadSystemSettings(t.db, t.config);
    expect(settings.mail.smtpUrl).toBe(
      `smtp://eoffice:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${smtp.port}`,
    );
    expect(settings.calendar).toEqual({
      workingDays: [1, 2, 3, 4, 5, 6],
      holidays: ['2020-01-01', '2099-12-25'],
    });
  });

  it('keeps the stored password when the field is left empty, and writes nothing when nothing changed', async () => {
    const before = await auditCount();
    const stored = await rows();
    const res = await api('superadmin', 'put', '/api/v1/admin/settings').send({
      mail: { password: '', user: 'eoffice' },
      instanceName: 'e-Office Pemkab Kuansing',
    });
    expect(res.status).toBe(200);
    expect(res.body.changed).toEqual([]);
    expect(await rows()).toEqual(stored);
    expect(await auditCount()).toBe(before);
    expect((await loadSystemSettings(t.db, t.config)).mail.smtpUrl).toContain(
      encodeURIComponent(SMTP_PASSWORD),
    );
  });

  it.each([
    ['an empty instance name', { instanceName: ' ' }, 'instanceName'],
    [
      'a verification URL that is not http(s)',
      { verificationBaseUrl: 'ftp://kuansing.go.id' },
      'verificationBaseUrl',
    ],
    [
      'a verification URL with a trailing slash',
      { verificationBaseUrl: 'https://kuansing.go.id/' },
      'verificationBaseUrl',
    ],
    ['no working day', { workingDays: [] }, 'workingDays'],
    ['a weekday 8', { workingDays: [1, 8] }, 'workingDays.1'],
    ['a date that does not exist', { holidays: [{ date: '2026-02-30', name: 'Keliru' }] }, 'holidays.0.date'],
    [
      'the same date twice',
      {
        holidays: [
          { date: '2026-12-25', name: 'A' },
          { date: '2026-12-25', name: 'B' },
        ],
      },
      'holidays',
    ],
    [
      'a reminder not before the step ends',
      { stepHours: { sangat_segera: 4 }, reminderBeforeHours: { sangat_segera: 4 } },
      'reminderBeforeHours.sangat_segera',
    ],
    ['a bad SMTP host', { mail: { host: 'smtp server' } }, 'mail.host'],
    ['a port out of range', { mail: { port: 70000 } }, 'mail.port'],
    ['a sender without an address', { mail: { from: 'Sekretariat' } }, 'mail.from'],
    ['an unknown key', { instanceNama: 'x' }, '(body)'],
  ])('refuses %s with a field error and changes nothing', async (_label, body, field) => {
    const stored = await rows();
    const before = await auditCount();
    // Every attempt also carries a valid change, which must not be saved either.
    const res = await api('superadmin', 'put', '/api/v1/admin/settings').send({
      dispositionReminderBeforeHours: 48,
      ...body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await rows()).toEqual(stored);
    expect(await auditCount()).toBe(before);
  });

  it('sends the test e-mail through the saved server, login and sender, to the admin', async () => {
    smtp.inbox.length = 0;
    const res = await api('superadmin', 'post', '/api/v1/admin/settings/test-email');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ to: 'superadmin@kuansing.go.id' });
    expect(smtp.inbox).toEqual([
      {
        from: SENDER_HEADER,
        to: ['superadmin@kuansing.go.id'],
        subject: 'E-mail uji e-Office Pemkab Kuansing',
        login: { username: 'eoffice', password: SMTP_PASSWORD },
      },
    ]);
  });

  it('sends notification e-mails through the settings’ server although the configuration has none', async () => {
    expect(t.config.mail.smtpUrl).toBeUndefined();
    smtp.inbox.length = 0;
    await setNotificationPreferences(t.db, users['staf1.disdik'], { emailEnabled: true });
    const warnings: unknown[] = [];
    await sendNotificationEmails(
      t.db,
      mailSettingsOf(t.config, (...w) => warnings.push(w)),
      {
        userIds: [users['staf1.disdik']],
        title: 'Surat menunggu verifikasi Anda',
        link: '/surat/1',
      },
    );
    expect(warnings).toEqual([]);
    expect(smtp.inbox.map((m) => [m.from, m.to, m.subject])).toEqual([
      [SENDER_HEADER, ['staf1.disdik@kuansing.go.id'], 'Surat menunggu verifikasi Anda'],
    ]);
  });

  it('starts a letter’s workflow with its urgency’s hours and the calendar (past holidays left out)', async () => {
    const start = jest.fn().mockResolvedValue(undefined);
    const client = { workflow: { start } } as unknown as Client;
    await startLetterWorkflow(client, t.db, t.config, {
      letterId: 7,
      drafterId: users['staf1.disdik'],
      opdId: 3,
      versionNo: 1,
      urgency: 'segera',
    });
    const [input] = start.mock.calls[0][1].args as [OutgoingLetterInput];
    expect(input).toEqual({
      letterId: 7,
      drafterId: users['staf1.disdik'],
      opdId: 3,
      versionNo: 1,
      deadlines: {
        stepHours: 16,
        reminderBeforeHours: 3,
        calendar: { workingDays: [1, 2, 3, 4, 5, 6], holidays: ['2099-12-25'] },
      },
    });
  });

  it('drops a setting’s row when it is set back to its configured value', async () => {
    const res = await api('superadmin', 'put', '/api/v1/admin/settings').send({
      stepHours: { segera: t.config.letters.stepHours.segera },
      mail: { clearPassword: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual(['mail.password', 'stepHours.segera']);
    const keys = (await rows()).map((r) => r.key);
    expect(keys).not.toContain('stepHours.segera');
    expect(keys).not.toContain('mail.password');
    expect(res.body.settings.mail.passwordSet).toBe(false);
    expect((await loadSystemSettings(t.db, t.config)).mail.smtpUrl).toBe(
      `smtp://eoffice@127.0.0.1:${smtp.port}`,
    );
  });
});
