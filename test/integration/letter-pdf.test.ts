import type { Server } from 'node:http';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { createLetter } from '../../lib/letters/create-letter';
import { SIGNER_PLACEHOLDER } from '../../lib/letters/render-letter-preview';
import { createLogger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { FileStore } from '../../lib/storage/file-store';
import { formLogin } from '../support/form-login';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { pdfText } from '../support/pdf-text';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * GET /api/v1/letters/:id/pdf and /surat/:id/pdf on SQLite with real Chromium: a KONSEP preview of the
 * current version before signing (placeholder signer until one is chosen, tembusan by OPD name), the
 * stored signed file byte for byte afterwards, and the same 404 as a missing letter for anyone else.
 */
describe('letter PDF', () => {
  let t: TestDatabase;
  let server: Server;
  let pool: BrowserPool;
  let letterId: number;
  let people: Record<string, number>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const pdfOf = (user: string, url = `/api/v1/letters/${letterId}/pdf`) =>
    request(server).get(url).set(as(user)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    await addClassification(t.db);
    const opd = await opdIds(t.db);
    people = await userIds(t.db, ['staf1.diskominfo', 'kepala.diskominfo']);
    ({ letterId } = await createLetter(t.db, {
      drafterId: people['staf1.diskominfo'],
      content: sampleContent(opd, { subject: 'Undangan Sosialisasi Arsip Digital' }),
    }));
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    server = createTestApp(t.config, t.db, undefined, createLogger('silent'), pool).listen(0);
    Object.assign(
      tokens,
      await bearerTokens(server, ['staf1.diskominfo', 'verifikator1.disdik', 'admin.diskominfo']),
    );
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await pool?.close();
    await t?.drop();
  });

  it('previews a draft as KONSEP with the OPD kop, tembusan and a placeholder signer', async () => {
    const res = await pdfOf('staf1.diskominfo');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="konsep-surat-${letterId}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('KONSEP');
    expect(text).toContain('Undangan Sosialisasi Arsip Digital');
    expect(text).toContain('Dinas Komunikasi, Informatika, Statistik dan Persandian'.toUpperCase());
    expect(text).toContain('Sekretariat Daerah');
    expect(text).toContain(SIGNER_PLACEHOLDER);
  });

  it('shows the chosen signer and the number once they are set', async () => {
    const year = new Date().getFullYear();
    await t
      .db('letters')
      .where({ id: letterId })
      .update({
        signer_id: people['kepala.diskominfo'],
        number: `000.1.2/7/DISKOMINFO/${year}`,
        number_date: `${year}-11-28`,
      });
    const signer = await t.db('users').where({ id: people['kepala.diskominfo'] }).first('name');
    const text = pdfText((await pdfOf('staf1.diskominfo')).body as Buffer);
    expect(text).toContain('KONSEP');
    expect(text).toContain(`000.1.2/7/DISKOMINFO/${year}`);
    expect(text).toContain(signer.name);
    expect(text).not.toContain(SIGNER_PLACEHOLDER);
  });

  it('serves the signed file as stored once the letter is signed, on the API and the page', async () => {
    const files = new FileStore(t.db, t.config.filesDir);
    const signedBytes = (await pdfOf('staf1.diskominfo')).body as Buffer; // stands in for the signed PDF
    const stored = await files.put(signedBytes, { mime: 'application/pdf', originalName: 'surat.pdf' });
    await t.db('letters').where({ id: letterId }).update({ signed_file_id: stored.id, status: 'sent' });
    const res = await pdfOf('staf1.diskominfo');
    expect(Buffer.compare(res.body as Buffer, signedBytes)).toBe(0);
    expect(res.headers['content-disposition']).toMatch(
      /^inline; filename="surat-000\.1\.2-7-DISKOMINFO-\d{4}\.pdf"$/,
    );
    const { cookie } = await formLogin(server, 'staf1.diskominfo');
    const page = await request(server)
      .get(`/surat/${letterId}/pdf`)
      .set('Cookie', cookie!)
      .buffer(true)
      .parse(binary);
    expect(page.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(page.body as Buffer, signedBytes)).toBe(0);
    // The bagian umum of the drafter's OPD is a party too.
    expect((await pdfOf('admin.diskominfo')).status).toBe(200);
  });

  it('answers 404 to a user of another OPD and to a letter that does not exist; 401 without login', async () => {
    const stranger = await request(server)
      .get(`/api/v1/letters/${letterId}/pdf`)
      .set(as('verifikator1.disdik'));
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual({ error: { code: 'not_found', message: 'Surat tidak ditemukan.' } });
    const missing = await request(server).get('/api/v1/letters/999999/pdf').set(as('staf1.diskominfo'));
    expect(missing.status).toBe(404);
    const bogus = await request(server).get('/api/v1/letters/abc/pdf').set(as('staf1.diskominfo'));
    expect(bogus.status).toBe(400);
    expect((await request(server).get(`/api/v1/letters/${letterId}/pdf`)).status).toBe(401);
  });
});
