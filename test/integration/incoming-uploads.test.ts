import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { formOf, loginTokens, paperMeta, postForm, tinyPdf } from '../support/incoming-api';
import { incomingTableCounts } from '../support/incoming';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { SMART_FIXTURES } from '../support/smart-server';

/**
 * Registering a paper letter with its scan (POST /api/v1/incoming, multipart) on a real stack with a
 * 1 MB upload limit: the type is judged by content (a renamed executable is refused, and so is a CSV
 * or XLSX, which other routes accept), an oversized or empty file and missing metadata are refused
 * with clear messages, and a refusal stores nothing (no incoming letter, no file). An accepted scan is served back byte for byte, inline, with its type.
 */

jest.setTimeout(120_000);

const ADMIN = 'admin.diskominfo';
const OUTSIDER = 'admin.disdik';
const STAFF = 'staf1.diskominfo';

let stack: LetterStack;
let baseUrl: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  stack = await startLetterStack({ env: { UPLOAD_MAX_MB: '1' } });
  baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  tokens = await loginTokens(baseUrl, [ADMIN, OUTSIDER, STAFF]);
});

afterAll(() => stack?.stop());

/** What a refusal must leave untouched: the incoming side's tables and the file store's. */
async function counts(): Promise<Record<string, number>> {
  const [{ n }] = await stack.t.db('files').count('* as n');
  return { ...(await incomingTableCounts(stack.t.db)), files: Number(n) };
}

const scanForm = (bytes: Buffer, name = 'surat.pdf', meta = paperMeta()) =>
  formOf(meta, { field: 'scan', bytes, name, type: 'application/pdf' });

const register = (form: FormData, user = ADMIN) => postForm(baseUrl, tokens[user], '/api/v1/incoming', form);

describe('refused uploads store nothing', () => {
  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2048, 0x90)]);
  const PE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048, 0)]);
  const ONE_MB = 1024 * 1024;

  test.each([
    [
      'an ELF executable renamed surat.pdf',
      () => scanForm(ELF),
      415,
      /^Jenis berkas tidak didukung\. Unggah berkas PDF, JPEG atau PNG\.$/,
    ],
    [
      'a Windows executable renamed scan.png',
      () => scanForm(PE, 'scan.png'),
      415,
      /^Jenis berkas tidak didukung/,
    ],
    [
      'a CSV renamed surat.pdf',
      () => scanForm(Buffer.from('nomor,perihal\n1,Undangan rapat\n')),
      415,
      /^Jenis berkas tidak didukung\. Unggah berkas PDF, JPEG atau PNG\.$/,
    ],
    [
      'an XLSX renamed surat.pdf',
      () => scanForm(fs.readFileSync(path.join(SMART_FIXTURES, 'staff.xlsx'))),
      415,
      /^Jenis berkas tidak didukung\. Unggah berkas PDF, JPEG atau PNG\.$/,
    ],
    [
      'a file one byte over the 1 MB limit',
      () => scanForm(Buffer.concat([tinyPdf(), Buffer.alloc(ONE_MB + 1 - tinyPdf().length, 0x20)])),
      413,
      /^Berkas terlalu besar \(maksimal 1 MB\)\.$/,
    ],
    ['an empty file', () => scanForm(Buffer.alloc(0)), 400, /^Berkas kosong\.$/],
    ['no file at all', () => formOf(paperMeta()), 400, /Pilih berkas untuk diunggah \(kolom "scan"\)/],
    [
      'a form without the subject',
      () => scanForm(tinyPdf('no-subject'), 'surat.pdf', paperMeta({ subject: '' })),
      400,
      /subject/,
    ],
    [
      'a classification missing from the reference list',
      () => scanForm(tinyPdf('no-class'), 'surat.pdf', paperMeta({ classification: '999.9' })),
      400,
      /^Kode klasifikasi 999\.9 tidak terdaftar\.$/,
    ],
    [
      'a form without the sender',
      () => scanForm(tinyPdf('no-sender'), 'surat.pdf', paperMeta({ senderName: '' })),
      400,
      /senderName/,
    ],
  ])('%s', async (_why, form, status, message) => {
    const before = await counts();
    const res = await register(form());
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  test('a staff member (not admin_opd) may not register, and nothing is stored', async () => {
    const before = await counts();
    const res = await register(scanForm(tinyPdf('staff')), STAFF);
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test('missing metadata names the field in the details', async () => {
    const res = await register(scanForm(tinyPdf('details'), 'surat.pdf', paperMeta({ subject: '' })));
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'subject' })]),
    );
  });
});

describe('an accepted scan', () => {
  test.each([
    ['a PDF', tinyPdf('accepted'), 'surat.pdf', 'application/pdf'],
    [
      'a PNG',
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
      'pindaian.png',
      'image/png',
    ],
  ])(
    '%s is stored and served back byte-identical, inline, to the OPD only',
    async (_kind, bytes, name, type) => {
      const before = await counts();
      const res = await register(formOf(paperMeta(), { field: 'scan', bytes, name, type }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        agendaNumber: expect.stringMatching(/^\d{4}\/\d{4}$/),
        status: 'registered',
      });
      const after = await counts();
      expect(after.incoming_letters).toBe(before.incoming_letters + 1);
      expect(after.files).toBe(before.files + 1);

      const scan = await fetch(`${baseUrl}/api/v1/incoming/${res.body.id}/scan`, {
        headers: { authorization: `Bearer ${tokens[ADMIN]}` },
      });
      expect(scan.status).toBe(200);
      expect(scan.headers.get('content-type')).toBe(type);
      expect(scan.headers.get('x-content-type-options')).toBe('nosniff');
      expect(scan.headers.get('content-disposition')).toMatch(/^inline/);
      expect(Buffer.from(await scan.arrayBuffer()).equals(bytes)).toBe(true);

      const outsider = await fetch(`${baseUrl}/api/v1/incoming/${res.body.id}/scan`, {
        headers: { authorization: `Bearer ${tokens[OUTSIDER]}` },
      });
      expect(outsider.status).toBe(404);
    },
  );
});
