import type { Server } from 'node:http';
import request from 'supertest';
import { createIncomingRow } from '../support/incoming';
import { opdIds } from '../support/letters';
import { pdfText } from '../support/pdf-text';
import type { TestDatabase } from '../support/test-database';
import { TEMPLATES } from '../../templates';
import { createLetter } from '../../lib/letters/create-letter';
import { contentSchema, toContent } from '../../lib/letters/letter-content-schema';
import { userIdOf } from '../support/pki';
import {
  binary,
  expectInert,
  PAYLOAD,
  SCRIPT,
  startXssApp,
  TEMPLATE,
  type XssApp,
} from '../support/security-xss';

/**
 * Script and template payloads typed into the text fields people fill in come out as text: escaped in
 * the pages that show them, never as markup, and as plain text in the letter's PDF (Chromium renders
 * it without JavaScript, but the HTML it is given must already be inert).
 */

jest.setTimeout(120_000);

let app: XssApp;
let t: TestDatabase;
let server: Server;
let tokens: Record<string, string>;

beforeAll(async () => {
  app = await startXssApp(['staf2.diskominfo', 'superadmin', 'admin.diskominfo']);
  ({ t, server, tokens } = app);
});

afterAll(() => app?.close());

const page = (username: string, url: string) => app.page(username, url);

describe('a letter typed with payloads in its subject and fields', () => {
  let letterId: number;

  beforeAll(async () => {
    const opd = await opdIds(t.db);
    const example = TEMPLATES['surat-dinas'].example as Record<string, string>;
    // As the compose route takes it (no Temporal here): the same schema and sanitiser, then the draft.
    const input = contentSchema.parse({
      kind: 'surat-dinas',
      subject: PAYLOAD,
      sifat: 'biasa',
      urgency: 'segera',
      classification: '000.1.2',
      fields: {
        ...example,
        kepada: PAYLOAD,
        di: PAYLOAD,
        // The rich text: its sanitiser keeps paragraphs, drops scripts, handlers and javascript: links.
        isi: `<p>${PAYLOAD}</p>${SCRIPT}<p><a href="javascript:alert(1)">tautan</a><img src=x onerror=alert(1)></p>`,
        penutup: PAYLOAD,
      },
      recipients: [opd.DISDIK],
      cc: [],
    });
    const drafterId = await userIdOf(t.db, 'staf2.diskominfo');
    ({ letterId } = await createLetter(t.db, { drafterId, content: toContent(input) }));
  });

  test('its pages show them as text', async () => {
    for (const url of [`/surat/${letterId}`, '/surat']) {
      expectInert(url, await page('staf2.diskominfo', url));
    }
  });

  test('the stored rich text keeps no script, handler or javascript: link', async () => {
    const { fields } = await t.db('letter_versions').where({ letter_id: letterId }).first('fields');
    const isi = String(JSON.parse(fields).fields.isi);
    expect(isi).not.toMatch(/<script|onerror|javascript:/i);
  });

  test('its PDF shows them as text', async () => {
    const res = await binary(
      request(server)
        .get(`/api/v1/letters/${letterId}/pdf`)
        .set('Authorization', `Bearer ${tokens['staf2.diskominfo']}`),
    );
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    // The template braces are printed, not evaluated.
    expect(text).toContain(`onerror=alert(1)> ${TEMPLATE}`);
  });
});

test('a paper letter’s sender and subject, a person’s name and the instance name are escaped where shown', async () => {
  const opd = await opdIds(t.db);
  const incomingId = await createIncomingRow(t.db, {
    opdId: opd.DISKOMINFO,
    senderName: PAYLOAD,
    subject: PAYLOAD,
  });
  await t.db('users').where({ username: 'staf3.diskominfo' }).update({ name: PAYLOAD });
  const settings = await request(server)
    .put('/api/v1/admin/settings')
    .set('Authorization', `Bearer ${tokens.superadmin}`)
    .send({ instanceName: PAYLOAD });
  expect(settings.status).toBe(200);
  for (const url of [`/surat-masuk/${incomingId}`, '/surat-masuk', '/admin/pengguna', '/pegawai']) {
    expectInert(url, await page('admin.diskominfo', url));
  }
  // The instance name is on every page, the login form included.
  expectInert('/login', (await request(server).get('/login')).text);
});
