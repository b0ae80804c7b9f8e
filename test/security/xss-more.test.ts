import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { allRoutes } from '../../api/app';
import { agendaWeekOf } from '../../lib/agenda/agenda-week-of';
import { createLetter } from '../../lib/letters/create-letter';
import { recordProgress } from '../../lib/letters/record-progress';
import type { LetterState } from '../../workflows/outgoing-letter-types';
import { closeIncoming } from '../../lib/incoming/close-incoming';
import { recordFollowUp } from '../../lib/incoming/record-follow-up';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { storeNotifications } from '../../lib/notifications/store-notifications';
import { createIncomingRow, disposeForTest, registerForTest } from '../support/incoming';
import { opdIds, sampleContent, sampleState, userIds } from '../support/letters';
import { pdfText } from '../support/pdf-text';
import { routeDeps } from '../support/route-samples';
import {
  binary,
  expectInert,
  PAYLOAD,
  SCRIPT,
  startXssApp,
  TEMPLATE,
  type XssApp,
} from '../support/security-xss';
import { routeTextFields } from '../support/security-text-fields';
import type { TestDatabase } from '../support/test-database';
import { issueTestCertificate } from '../support/pki';

/**
 * The free-text fields xss.test.ts leaves out: disposition instructions, notes and reports, agenda items,
 * the OPD's kop surat, the basis of a Plt./Plh., a person's position and division, notifications, typed
 * through the API with script and template payloads. The pages that show them escape them, and the PDFs
 * that print them (the letter's kop and signature block, the lembar disposisi, the agenda week) print
 * them as text. Every free-text field of the routes' declared input schemas must be named in
 * FIELD_COVERAGE, so a new one is not forgotten; page forms declare no schema, but they feed the same
 * services and columns as the API fields named there.
 */

jest.setTimeout(120_000);

/**
 * Every free-text body field (`routeTextFields`) → where its XSS check is, or why there is none.
 * REFUSED fields are typed with the payload below and must be refused with a 400.
 */
const SECRET = 'a secret: never shown back';
const FORMAT = 'format-checked (date, code or list value): the payload is refused';
const REFUSED = 'refused: the payload does not pass its rule (checked below)';
const LETTER = 'xss.test.ts: the letter’s subject and template fields, in pages and in its PDF';
const KOP = 'here: kop surat, in the OPD pages and in the letter’s PDF';
const PERSON = 'here and xss.test.ts: the person pages, and the letter’s signature block (PDF)';
const AGENDA = 'here: the agenda list, calendar and item pages, and the agenda week PDF';
const DISPOSITION = 'here: the paper letter’s page and its lembar disposisi (PDF)';
const FIELD_COVERAGE: Record<string, string> = {
  'POST /api/v1/certificates passphrase': SECRET,
  'POST /api/v1/certificates/:id/renew passphrase': SECRET,
  'POST /api/v1/certificates/:id/renew newPassphrase': SECRET,
  'POST /api/v1/certificates/:id/revoke reason': 'here: the audit log (the only page that shows it)',
  'POST /api/v1/letters kind': FORMAT,
  'POST /api/v1/letters subject': LETTER,
  'POST /api/v1/letters classification': FORMAT,
  'POST /api/v1/letters fields.*': LETTER,
  'PATCH /api/v1/letters/:id kind': FORMAT,
  'PATCH /api/v1/letters/:id subject': LETTER,
  'PATCH /api/v1/letters/:id classification': FORMAT,
  'PATCH /api/v1/letters/:id fields.*': LETTER,
  'POST /api/v1/letters/:id/verify note': 'here: the letter’s page (steps and timeline)',
  'POST /api/v1/letters/:id/verify content.kind': FORMAT,
  'POST /api/v1/letters/:id/verify content.subject': LETTER,
  'POST /api/v1/letters/:id/verify content.classification': FORMAT,
  'POST /api/v1/letters/:id/verify content.fields.*': LETTER,
  'POST /api/v1/letters/:id/number number': FORMAT,
  'POST /api/v1/letters/:id/number date': FORMAT,
  'POST /api/v1/letters/:id/sign passphrase': SECRET,
  'POST /api/v1/letters/:id/withdraw reason': 'here: the letter’s page (timeline)',
  'POST /api/v1/incoming senderName': 'xss.test.ts: the paper letter’s sender',
  'POST /api/v1/incoming number': DISPOSITION,
  'POST /api/v1/incoming letterDate': FORMAT,
  'POST /api/v1/incoming subject': DISPOSITION,
  'POST /api/v1/incoming classification': FORMAT,
  'POST /api/v1/incoming receivedAt': FORMAT,
  'POST /api/v1/incoming/:id/register receivedAt': FORMAT,
  'POST /api/v1/incoming/:id/dispositions instruction': 'a value of the fixed list of instructions',
  'POST /api/v1/incoming/:id/dispositions note': DISPOSITION,
  'POST /api/v1/incoming/:id/dispositions dueAt': FORMAT,
  'POST /api/v1/incoming/:id/close note': DISPOSITION,
  'POST /api/v1/dispositions/:id/follow-up report': DISPOSITION,
  'POST /api/v1/dispositions/:id/forward instruction': 'a value of the fixed list of instructions',
  'POST /api/v1/dispositions/:id/forward note': DISPOSITION,
  'POST /api/v1/dispositions/:id/forward dueAt': FORMAT,
  'POST /api/v1/dispositions/:id/close note': DISPOSITION,
  'POST /api/v1/account/password currentPassword': SECRET,
  'POST /api/v1/account/password newPassword': SECRET,
  'POST /api/v1/agenda title': AGENDA,
  'POST /api/v1/agenda place': AGENDA,
  'POST /api/v1/agenda startsAt': FORMAT,
  'POST /api/v1/agenda endsAt': FORMAT,
  'POST /api/v1/agenda targetOutput': AGENDA,
  'POST /api/v1/agenda unit': REFUSED,
  'POST /api/v1/agenda letter': REFUSED,
  'PATCH /api/v1/agenda/:id title': AGENDA,
  'PATCH /api/v1/agenda/:id place': AGENDA,
  'PATCH /api/v1/agenda/:id startsAt': FORMAT,
  'PATCH /api/v1/agenda/:id endsAt': FORMAT,
  'PATCH /api/v1/agenda/:id targetOutput': AGENDA,
  'PATCH /api/v1/agenda/:id unit': REFUSED,
  'PATCH /api/v1/agenda/:id letter': REFUSED,
  'POST /api/v1/agenda/:id/done output': AGENDA,
  'POST /api/v1/agenda/:id/cancel reason': AGENDA,
  'POST /api/v1/admin/users username': FORMAT,
  'POST /api/v1/admin/users name': PERSON,
  'POST /api/v1/admin/users nip': FORMAT,
  'POST /api/v1/admin/users position': PERSON,
  'POST /api/v1/admin/users unit': PERSON,
  'POST /api/v1/admin/users email': REFUSED,
  'PATCH /api/v1/admin/users/:id email': REFUSED,
  'PATCH /api/v1/admin/users/:id name': PERSON,
  'PATCH /api/v1/admin/users/:id position': PERSON,
  'PATCH /api/v1/admin/users/:id unit': PERSON,
  'POST /api/v1/admin/opd code': FORMAT,
  'POST /api/v1/admin/opd name': KOP,
  'POST /api/v1/admin/opd shortName': KOP,
  'POST /api/v1/admin/opd address': KOP,
  'POST /api/v1/admin/opd phone': REFUSED,
  'POST /api/v1/admin/opd email': REFUSED,
  'POST /api/v1/admin/opd website': REFUSED,
  'PATCH /api/v1/admin/opd/:id name': KOP,
  'PATCH /api/v1/admin/opd/:id shortName': KOP,
  'PATCH /api/v1/admin/opd/:id address': KOP,
  'PATCH /api/v1/admin/opd/:id phone': REFUSED,
  'PATCH /api/v1/admin/opd/:id email': REFUSED,
  'PATCH /api/v1/admin/opd/:id website': REFUSED,
  'PUT /api/v1/admin/opd/:id/number-patterns default': REFUSED,
  'PUT /api/v1/admin/opd/:id/number-patterns byKind.*': REFUSED,
  'PUT /api/v1/admin/opd/:id/agenda-pattern pattern': REFUSED,
  'PUT /api/v1/admin/settings instanceName': 'xss.test.ts: on every page, the login form included',
  'PUT /api/v1/admin/settings verificationBaseUrl': REFUSED,
  'PUT /api/v1/admin/settings mail.host': REFUSED,
  'PUT /api/v1/admin/settings mail.user': 'here: the settings page',
  'PUT /api/v1/admin/settings mail.password': SECRET,
  'PUT /api/v1/admin/settings mail.from': REFUSED,
  'PUT /api/v1/admin/settings holidays[].date': FORMAT,
  'PUT /api/v1/admin/settings holidays[].name': 'here: the settings page',
  'POST /api/v1/delegations startDate': FORMAT,
  'POST /api/v1/delegations endDate': FORMAT,
  'POST /api/v1/delegations reason': 'here: the delegations page',
};

/** Accepts the agenda's reminder workflows: started, then ended (as if already finished). */
const acceptingTemporal = async () =>
  ({
    workflow: { start: async () => ({}), getHandle: () => ({ executeUpdate: async () => null }) },
  }) as unknown as Client;
const USERS = ['staf1.diskominfo', 'staf2.diskominfo', 'admin.diskominfo', 'superadmin', 'kepala.diskominfo'];

let app: XssApp;
let t: TestDatabase;
let server: Server;
let tokens: Record<string, string>;
let user: Record<string, number>;
let opd: Record<string, number>;

beforeAll(async () => {
  app = await startXssApp(USERS, acceptingTemporal);
  ({ t, server, tokens } = app);
  user = await userIds(t.db, [
    ...USERS,
    'sekretaris.diskominfo',
    'verifikator1.diskominfo',
    'verifikator2.diskominfo',
  ]);
  opd = await opdIds(t.db);
});

afterAll(() => app?.close());

const api = (username: string, method: 'post' | 'patch' | 'put', url: string, body: object) =>
  request(server)[method](url).set('Authorization', `Bearer ${tokens[username]}`).send(body);

const page = (username: string, url: string) => app.page(username, url);

async function pdfOf(username: string, url: string): Promise<string> {
  const res = await binary(request(server).get(url).set('Cookie', app.cookies[username]));
  expect([url, res.status, res.headers['content-type']]).toEqual([url, 200, 'application/pdf']);
  return pdfText(res.body as Buffer);
}

/** pdftotext shows the payload as typed: the tag as text and the braces unevaluated. */
function expectPrinted(url: string, text: string) {
  expect([url, text.includes(SCRIPT)]).toEqual([url, true]);
  expect([url, text.includes(TEMPLATE)]).toEqual([url, true]);
}

test('every free-text field of the declared inputs is named, and every name is a field', () => {
  const fields = routeTextFields(allRoutes(routeDeps(t)));
  expect(fields.filter((f) => !FIELD_COVERAGE[f])).toEqual([]);
  expect(Object.keys(FIELD_COVERAGE).filter((f) => !fields.includes(f))).toEqual([]);
});

test('the fields whose rule refuses the payload refuse it, and store nothing', async () => {
  const diskominfo = `/api/v1/admin/opd/${opd.DISKOMINFO}`;
  const refusals: [string, ReturnType<typeof api>][] = [
    ['kop phone', api('admin.diskominfo', 'patch', diskominfo, { phone: PAYLOAD })],
    ['kop email', api('admin.diskominfo', 'patch', diskominfo, { email: PAYLOAD })],
    ['kop website', api('admin.diskominfo', 'patch', diskominfo, { website: PAYLOAD })],
    ['number pattern', api('admin.diskominfo', 'put', `${diskominfo}/number-patterns`, { default: PAYLOAD })],
    ['agenda pattern', api('admin.diskominfo', 'put', `${diskominfo}/agenda-pattern`, { pattern: PAYLOAD })],
    [
      'user email',
      api('superadmin', 'patch', `/api/v1/admin/users/${user['staf1.diskominfo']}`, { email: PAYLOAD }),
    ],
    [
      'verification url',
      api('superadmin', 'put', '/api/v1/admin/settings', { verificationBaseUrl: PAYLOAD }),
    ],
    ['mail from', api('superadmin', 'put', '/api/v1/admin/settings', { mail: { from: PAYLOAD } })],
    ['mail host', api('superadmin', 'put', '/api/v1/admin/settings', { mail: { host: PAYLOAD } })],
    [
      'agenda unit',
      api('staf1.diskominfo', 'post', '/api/v1/agenda', { ...agendaBody('unit'), unit: PAYLOAD }),
    ],
    [
      'agenda letter',
      api('staf1.diskominfo', 'post', '/api/v1/agenda', { ...agendaBody('surat'), letter: PAYLOAD }),
    ],
  ];
  for (const [name, call] of refusals) {
    const res = await call;
    expect([name, res.status]).toEqual([name, 400]);
  }
  const stored =
    JSON.stringify(await t.db('opd').select()) + JSON.stringify(await t.db('users').select('email'));
  expect(stored).not.toContain('alert(1)');
});

function agendaBody(tag: string) {
  const start = new Date(Date.now() + 2 * 86_400_000);
  return {
    title: `${tag} ${PAYLOAD}`,
    place: PAYLOAD,
    targetOutput: PAYLOAD,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
  };
}

describe('the kop surat and a person typed with payloads', () => {
  let letterId: number;

  beforeAll(async () => {
    const kop = { name: `Dinas ${PAYLOAD}`, shortName: `Kominfo ${TEMPLATE}`, address: PAYLOAD };
    expect((await api('admin.diskominfo', 'patch', `/api/v1/admin/opd/${opd.DISKOMINFO}`, kop)).status).toBe(
      200,
    );
    const person = { name: `Kepala ${PAYLOAD}`, position: PAYLOAD, unit: PAYLOAD };
    const kepala = `/api/v1/admin/users/${user['kepala.diskominfo']}`;
    expect((await api('superadmin', 'patch', kepala, person)).status).toBe(200);
    // A draft whose drafter chose kepala.diskominfo to sign: the signature block prints their position.
    ({ letterId } = await createLetter(t.db, {
      drafterId: user['staf2.diskominfo'],
      content: sampleContent(opd),
    }));
    await t.db('letters').where({ id: letterId }).update({ signer_id: user['kepala.diskominfo'] });
  });

  test('the OPD and people pages show them as text', async () => {
    for (const url of [`/admin/opd/${opd.DISKOMINFO}`, `/admin/pengguna/${user['kepala.diskominfo']}`])
      expectInert(url, await page('admin.diskominfo', url));
    for (const url of ['/admin/opd', '/admin/pengguna', '/pegawai', '/admin/penandatangan', '/sertifikat'])
      expectInert(url, await page('superadmin', url));
    expectInert('/akun', await page('kepala.diskominfo', '/akun'));
  });

  test('the letter’s PDF prints the kop and the signer’s position as text', async () => {
    const text = await pdfOf('staf2.diskominfo', `/surat/${letterId}/pdf`);
    expectPrinted(`/surat/${letterId}/pdf`, text);
    // The kop's name and address, and the signature block's position: three copies of the tag.
    expect(text.split(SCRIPT).length - 1).toBeGreaterThanOrEqual(3);
  });
});

test('a verifier’s note and a withdrawal reason are shown as text on the letter’s page', async () => {
  const drafterId = user['staf2.diskominfo'];
  const verifierId = user['verifikator1.diskominfo'];
  const { letterId } = await createLetter(t.db, { drafterId, content: sampleContent(opd) });
  const verifying = {
    kind: 'verify' as const,
    index: 0,
    assigneeId: verifierId,
    startedAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  // What the letter workflow records for a submit, a return with its note, and a withdrawal.
  const at = (status: LetterState['status'], currentStep: LetterState['currentStep']) =>
    sampleState({
      letterId,
      drafterId,
      opdId: opd.DISKOMINFO,
      verifierIds: [verifierId],
      signerId: user['kepala.diskominfo'],
      status,
      currentStep,
    });
  const steps: [number, string, LetterState, string?][] = [
    [drafterId, 'letter.submit', at('verifying', verifying)],
    [verifierId, 'letter.return', at('draft', null), `Kembali ${PAYLOAD}`],
    [drafterId, 'letter.submit', at('verifying', verifying)],
    [drafterId, 'letter.withdraw', at('withdrawn', null), `Tarik ${PAYLOAD}`],
  ];
  for (const [actorId, action, state, note] of steps)
    await recordProgress(t.db, { letterId, actorId, action, state, note });
  const html = await page('staf2.diskominfo', `/surat/${letterId}`);
  expectInert(`/surat/${letterId}`, html);
  for (const shown of ['Kembali', 'Tarik'])
    expect([shown, html.includes(`${shown} Uji &lt;script&gt;`)]).toEqual([shown, true]);
});

test('a Plt./Plh.’s basis is shown as text', async () => {
  const res = await api('admin.diskominfo', 'post', '/api/v1/delegations', {
    principalId: user['verifikator1.diskominfo'],
    actingId: user['verifikator2.diskominfo'],
    kind: 'plh',
    startDate: new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10),
    endDate: new Date(Date.now() + 3 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10),
    reason: PAYLOAD,
  });
  expect(res.status).toBe(201);
  expectInert('/delegasi', await page('admin.diskominfo', '/delegasi'));
});

test('agenda items: title, place, target, output and cancel reason are shown as text, in pages and the week PDF', async () => {
  const ids: number[] = [];
  for (const tag of ['rapat', 'selesai', 'batal']) {
    const res = await api('staf1.diskominfo', 'post', '/api/v1/agenda', agendaBody(tag));
    expect(res.status).toBe(201);
    ids.push(res.body.item.id);
  }
  const [, done, cancelled] = ids;
  expect(
    (await api('staf1.diskominfo', 'post', `/api/v1/agenda/${done}/done`, { output: PAYLOAD })).status,
  ).toBe(200);
  expect(
    (await api('staf1.diskominfo', 'post', `/api/v1/agenda/${cancelled}/cancel`, { reason: PAYLOAD })).status,
  ).toBe(200);
  for (const url of [
    '/agenda',
    '/agenda?status=done',
    '/agenda/kalender',
    ...ids.map((id) => `/agenda/${id}`),
  ])
    expectInert(url, await page('staf1.diskominfo', url));
  const week = agendaWeekOf(new Date(agendaBody('').startsAt));
  expectPrinted('/agenda/pekan.pdf', await pdfOf('staf1.diskominfo', `/agenda/pekan.pdf?minggu=${week}`));
});

test('a paper letter’s subject and number, and a disposition’s note, report and closing note are shown as text, in the page and the lembar disposisi', async () => {
  const incomingId = await createIncomingRow(t.db, {
    opdId: opd.DISKOMINFO,
    subject: `Perihal ${PAYLOAD}`,
    number: `Nomor ${PAYLOAD}`,
  });
  await registerForTest(t.db, incomingId, user['admin.diskominfo']);
  const [dispositionId] = await disposeForTest(t.db, {
    incomingId,
    fromUserId: user['admin.diskominfo'],
    toUserIds: [user['sekretaris.diskominfo']],
    note: `Catatan ${PAYLOAD}`,
  });
  await recordFollowUp(t.db, {
    dispositionId,
    actorId: user['sekretaris.diskominfo'],
    report: `Laporan ${PAYLOAD}`,
    files: [],
  });
  await closeIncoming(t.db, { incomingId, actorId: user['admin.diskominfo'], note: `Selesai ${PAYLOAD}` });
  const html = await page('admin.diskominfo', `/surat-masuk/${incomingId}`);
  expectInert(`/surat-masuk/${incomingId}`, html);
  for (const shown of ['Perihal', 'Nomor', 'Catatan', 'Laporan', 'Selesai'])
    expect([shown, html.includes(`${shown} Uji &lt;script&gt;`)]).toEqual([shown, true]);
  const sheet = await pdfOf('admin.diskominfo', `/surat-masuk/${incomingId}/lembar-disposisi`);
  expectPrinted('lembar disposisi', sheet);
  // Table cells wrap where they like: compared without the spaces.
  const bare = (text: string) => text.replace(/\s+/g, '');
  for (const shown of ['Perihal', 'Nomor', 'Catatan', 'Laporan'])
    expect([shown, bare(sheet).includes(bare(`${shown} ${PAYLOAD}`))]).toEqual([shown, true]);
});

test('a notification’s title and text are shown as text, in the list and the dashboard', async () => {
  await storeNotifications(
    t.db,
    mailSettingsOf(t.config, () => undefined),
    {
      userIds: [user['staf1.diskominfo']],
      kind: 'letter',
      title: `Judul ${PAYLOAD}`,
      body: `Isi ${PAYLOAD}`,
      link: '/surat',
    },
  );
  for (const url of ['/notifikasi', '/']) expectInert(url, await page('staf1.diskominfo', url));
});

test('the settings page shows the mail user and holiday names as text', async () => {
  const res = await api('superadmin', 'put', '/api/v1/admin/settings', {
    mail: { user: PAYLOAD },
    holidays: [{ date: '2026-12-25', name: PAYLOAD }],
  });
  expect(res.status).toBe(200);
  expectInert('/admin/pengaturan', await page('superadmin', '/admin/pengaturan'));
});

test('a revocation reason is shown as text in the audit log', async () => {
  const { certificateId } = await issueTestCertificate(t, { username: 'kepala.diskominfo' });
  const res = await api('superadmin', 'post', `/api/v1/certificates/${certificateId}/revoke`, {
    reason: `Dicabut ${PAYLOAD}`,
  });
  expect(res.status).toBe(200);
  const html = await page('superadmin', '/admin/audit?action=certificate.revoke');
  expectInert('/admin/audit', html);
  expect(html).toContain('Dicabut Uji &lt;script&gt;');
});
