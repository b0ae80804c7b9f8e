import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import { createIssuedDocument } from '../../lib/issued/create-issued-document';
import { signIssuedDocument } from '../../lib/issued/sign-issued-document';
import { unlockSigningKey, type UnlockedSigningKey } from '../../lib/pki/unlock-signing-key';
import { renderLetterPdf } from '../../lib/documents/render-letter-pdf';
import type { LetterRenderInput } from '../../lib/documents/letter-render-input';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { projectRoot } from '../../lib/paths';
import { TEMPLATES } from '../../templates';
import { memoryLog } from '../support/memory-log';
import { opensslVerify, runPdfsig } from '../support/pdf-validators';
import { pageQrCodes, pdfText } from '../support/pdf-text';
import { databaseText, setupTestCa, userIdOf, type TestPki } from '../support/pki';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The documents-and-signatures capability through the API, on MariaDB: officials enrol, a letter is
 * rendered, signed and co-signed, and anyone can check it, until a certificate is revoked.
 */
describe('documents and signatures, end to end', () => {
  const HEAD_PASSPHRASE = 'Kunci-Kepala#Diskominfo';
  const SEKDA_PASSPHRASE = 'Kunci-Sekda#Kuansing';
  let t: TestDatabase;
  let pki: TestPki;
  let server: Server;
  let pool: BrowserPool;
  let logLines: string[] = [];
  let tokens: Record<string, string>;
  let code: string;
  let documentId: number;
  let signedOnce: Buffer;
  let signedTwice: Buffer;

  const api = () => request(server);
  const bearer = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    t = await createTestDatabase('mysql', { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    pki = await setupTestCa(t);
    const log = memoryLog();
    logLines = log.lines;
    server = createTestApp(t.config, t.db, undefined, log.logger).listen(0);
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    tokens = {};
    for (const user of ['kepala.diskominfo', 'kepala.setda', 'staf1.diskominfo', 'superadmin']) {
      const res = await api().post('/api/v1/auth/token').send({ username: user, password: DEMO_PASSWORD });
      tokens[user] = res.body.token;
    }
  });
  afterAll(async () => {
    await pool.close();
    server.close();
    await t.drop();
  });

  it('lets officials enrol themselves, refuses others, and lists only holders as signers', async () => {
    const before = await api().get('/api/v1/signers').set(bearer('staf1.diskominfo'));
    expect(before.body.items).toEqual([]);

    const staff = await api()
      .post('/api/v1/certificates')
      .set(bearer('staf1.diskominfo'))
      .send({ passphrase: 'Kunci-Staf#123' });
    expect(staff.status).toBe(403);

    const short = await api()
      .post('/api/v1/certificates')
      .set(bearer('kepala.diskominfo'))
      .send({ passphrase: 'pendek' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/minimal 8 karakter/);

    const head = await api()
      .post('/api/v1/certificates')
      .set(bearer('kepala.diskominfo'))
      .send({ passphrase: HEAD_PASSPHRASE });
    expect(head.status).toBe(201);
    expect(head.body.serial).toMatch(/^[0-9a-f]+$/);
    const again = await api()
      .post('/api/v1/certificates')
      .set(bearer('kepala.diskominfo'))
      .send({ passphrase: HEAD_PASSPHRASE });
    expect(again.status).toBe(409);

    // The superadmin may enrol an official of any OPD.
    const sekda = await api()
      .post('/api/v1/certificates')
      .set(bearer('superadmin'))
      .send({ userId: await userIdOf(t.db, 'kepala.setda'), passphrase: SEKDA_PASSPHRASE });
    expect(sekda.status).toBe(201);

    const own = await api().get('/api/v1/signers').set(bearer('staf1.diskominfo'));
    expect(own.body.items.map((s: { name: string }) => s.name)).toEqual(['Ir. Azwar Anas, M.T.']);
    const all = await api().get('/api/v1/signers').set(bearer('superadmin'));
    expect(all.body.items).toHaveLength(2);
  });

  it('publishes the root certificate and a CRL signed by it', async () => {
    const root = await api().get('/pki/root.crt');
    expect(root.status).toBe(200);
    expect(root.text).toBe(pki.rootPem);
    const crl = await api()
      .get('/pki/crl')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(crl.headers['content-type']).toBe('application/pkix-crl');
    const crlFile = path.join(t.dataDir, 'served.crl');
    fs.writeFileSync(crlFile, crl.body as Buffer);
    const check = spawnSync(
      'openssl',
      ['crl', '-inform', 'DER', '-in', crlFile, '-CAfile', pki.rootFile, '-noout', '-verify'],
      {
        encoding: 'utf8',
      },
    );
    expect(`${check.stdout}${check.stderr}`).toMatch(/verify OK/);
  });

  async function renderFor(signer: { name: string; position: string; nip: string }, verifyUrl: string) {
    const template = TEMPLATES['surat-undangan'];
    const input: LetterRenderInput = {
      kind: 'surat-undangan',
      fields: template.example,
      opd: {
        name: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
        address: 'Jl. Proklamasi No. 12, Teluk Kuantan',
        phone: '(0760) 561234',
        email: 'diskominfo@kuansing.go.id',
        website: 'https://kuansing.go.id',
      },
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-11-28',
      sifat: 'biasa',
      lampiran: '-',
      subject: 'Undangan Rapat Koordinasi e-Office',
      signer,
      tembusan: ['Bupati Kuantan Singingi (sebagai laporan)'],
      draft: false,
      signature: { verifyUrl },
    };
    return renderLetterPdf(pool, input);
  }

  it('signs a rendered letter with a visible, verifiable PAdES signature once the passphrase is right', async () => {
    const headId = await userIdOf(t.db, 'kepala.diskominfo');
    const head = await t.db('users').where({ id: headId }).first();
    const opdId = Number(head.opd_id);
    ({ id: documentId, code } = await createIssuedDocument(t.db, {
      opdId,
      kind: 'surat-undangan',
      subject: 'Undangan Rapat Koordinasi e-Office',
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-11-28',
      sifat: 'biasa',
      actorId: headId,
    }));
    const verifyUrl = `${t.config.publicUrl}/verifikasi/${code}`;
    const rendered = await renderFor({ name: head.name, position: head.position, nip: head.nip }, verifyUrl);
    expect(rendered.signatureBox).not.toBeNull();
    const certificateId = Number(
      (await t.db('certificates').where({ user_id: headId, status: 'active' }).first('id')).id,
    );
    const deps = { db: t.db, files: pki.files, pki: pki.pki };
    const unlock = (id: number, passphrase: string) =>
      unlockSigningKey({ db: t.db, files: pki.files }, { certificateId: id, passphrase });
    const sign = async (key: UnlockedSigningKey) =>
      signIssuedDocument(deps, {
        documentId,
        pdf: rendered.pdf,
        signatureBox: rendered.signatureBox,
        certificateId,
        key,
        signerId: headId,
      });

    await expect(unlock(certificateId, 'passphrase-keliru')).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    // Another official's key cannot sign under this certificate.
    const sekdaCertificate = await t
      .db('certificates')
      .where({ user_id: await userIdOf(t.db, 'kepala.setda'), status: 'active' })
      .first('id');
    await expect(sign(await unlock(Number(sekdaCertificate.id), SEKDA_PASSPHRASE))).rejects.toMatchObject({
      status: 403,
    });
    // A key opened before its certificate was revoked signs nothing afterwards.
    const opened = await unlock(certificateId, HEAD_PASSPHRASE);
    await t.db('certificates').where({ id: certificateId }).update({ status: 'revoked' });
    await expect(sign(opened)).rejects.toMatchObject({ code: 'certificate_revoked' });
    await t.db('certificates').where({ id: certificateId }).update({ status: 'active' });
    expect(await t.db('document_signatures').where({ document_id: documentId })).toHaveLength(0);

    const result = await sign(opened);
    signedOnce = await pki.files.read(result);
    expect(signedOnce.subarray(0, rendered.pdf.length).equals(rendered.pdf)).toBe(true);

    const pdfsig = await runPdfsig(signedOnce, pki.rootPem);
    expect(pdfsig.signatures).toHaveLength(1);
    expect(pdfsig.signatures[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect((await opensslVerify(signedOnce, pki.rootPem)).ok).toBe(true);

    const lastPage = rendered.signatureBox!.pageIndex + 1;
    expect(pageQrCodes(signedOnce, lastPage)).toEqual([verifyUrl]);
    expect(pdfText(signedOnce, { page: lastPage })).toContain(head.name);
  });

  it('answers the public verification API: valid for the issued bytes, invalid for a changed byte', async () => {
    const ok = await api().post('/api/v1/verify').attach('file', signedOnce, 'surat.pdf');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      valid: true,
      issuedByEoffice: true,
      document: { code, number: '000.1.2/27/DISKOMINFO/2026' },
      signers: [{ name: 'Ir. Azwar Anas, M.T.', certificateStatus: 'active' }],
    });
    expect(ok.body.signers[0].nip).toMatch(/^\d{18}$/);

    const flipped = Buffer.from(signedOnce);
    const at = flipped.indexOf('Undangan') + 2;
    flipped[at] ^= 0x01;
    const bad = await api().post('/api/v1/verify').attach('file', flipped, 'surat.pdf');
    expect(bad.body.valid).toBe(false);
    expect(bad.body.issuedByEoffice).toBe(false);
    expect(JSON.stringify(bad.body)).toMatch(/telah diubah/);

    const notPdf = await api()
      .post('/api/v1/verify')
      .attach('file', Buffer.from('MZ\x90\x00 program'), 'surat.pdf');
    expect(notPdf.status).toBe(415);
    const empty = await api().post('/api/v1/verify').attach('file', Buffer.alloc(0), 'kosong.pdf');
    expect(empty.status).toBe(400);
  });

  it('keeps the first signature valid when the Sekretaris Daerah co-signs', async () => {
    const sekdaId = await userIdOf(t.db, 'kepala.setda');
    const sekda = await t.db('users').where({ id: sekdaId }).first();
    const certificateId = Number(
      (await t.db('certificates').where({ user_id: sekdaId, status: 'active' }).first('id')).id,
    );
    const result = await signIssuedDocument(
      { db: t.db, files: pki.files, pki: pki.pki },
      {
        documentId,
        pdf: signedOnce,
        signatureBox: { pageIndex: 0, rect: [40, 40, 200, 90] },
        certificateId,
        key: await unlockSigningKey(
          { db: t.db, files: pki.files },
          { certificateId, passphrase: SEKDA_PASSPHRASE },
        ),
        signerId: sekdaId,
        reason: 'Mengetahui',
      },
    );
    signedTwice = await pki.files.read(result);
    const pdfsig = await runPdfsig(signedTwice, pki.rootPem);
    expect(pdfsig.signatures.map((s) => [s.signatureValid, s.certificateTrusted])).toEqual([
      [true, true],
      [true, true],
    ]);
    const verdict = await api().post('/api/v1/verify').attach('file', signedTwice, 'surat.pdf');
    expect(verdict.body.valid).toBe(true);
    expect(verdict.body.signers.map((s: { name: string }) => s.name)).toEqual([
      'Ir. Azwar Anas, M.T.',
      sekda.name,
    ]);
  });

  it('shows the document behind the QR code, and a revoked certificate as revoked everywhere', async () => {
    const page = await api().get(`/verifikasi/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('000.1.2/27/DISKOMINFO/2026');
    expect(page.text).toContain('Undangan Rapat Koordinasi e-Office');
    expect(page.text).toContain('Dinas Komunikasi, Informatika, Statistik dan Persandian');
    const served = await t
      .db('documents')
      .join('files', 'files.id', 'documents.current_file_id')
      .where('documents.code', code)
      .first('files.sha256');
    expect(page.text).toContain(served.sha256);
    expect(page.text).toContain('Dokumen terdaftar dan ditandatangani secara elektronik');

    const headCert = await t
      .db('certificates')
      .where({ user_id: await userIdOf(t.db, 'kepala.diskominfo') })
      .first('id', 'serial');
    const forbidden = await api()
      .post(`/api/v1/certificates/${headCert.id}/revoke`)
      .set(bearer('kepala.diskominfo'))
      .send({ reason: 'keyCompromise' });
    expect(forbidden.status).toBe(403);
    const revoked = await api()
      .post(`/api/v1/certificates/${headCert.id}/revoke`)
      .set(bearer('superadmin'))
      .send({ reason: 'keyCompromise' });
    expect(revoked.status).toBe(200);

    const verdict = await api().post('/api/v1/verify').attach('file', signedTwice, 'surat.pdf');
    expect(verdict.body.valid).toBe(false);
    expect(verdict.body.signers[0].certificateStatus).toBe('revoked');
    expect(JSON.stringify(verdict.body)).toMatch(/Sertifikat telah dicabut/);
    const after = await api().get(`/verifikasi/${code}`);
    expect(after.text).toContain('Dicabut');
    expect(after.text).not.toContain('Dokumen terdaftar dan ditandatangani secara elektronik');
    const signers = await api().get('/api/v1/signers').set(bearer('superadmin'));
    expect(signers.body.items.map((s: { name: string }) => s.name)).not.toContain('Ir. Azwar Anas, M.T.');
  });

  it('hides the subject of a letter marked rahasia on the public page', async () => {
    const secret = await createIssuedDocument(t.db, {
      opdId: 1,
      kind: 'nota-dinas',
      subject: 'Hasil Audit Keamanan Jaringan',
      number: '800/3/SETDA/2026',
      date: '2026-11-28',
      sifat: 'rahasia',
      actorId: null,
    });
    const page = await api().get(`/verifikasi/${secret.code}`);
    expect(page.text).toContain('800/3/SETDA/2026');
    expect(page.text).not.toContain('Hasil Audit Keamanan Jaringan');
    expect(page.text).toContain('Dirahasiakan');
    expect((await api().get('/verifikasi/bukankodeyangada')).status).toBe(404);
  });

  it('checks files from the command line too, exiting non-zero for an invalid one', () => {
    const dir = fs.mkdtempSync(path.join(t.dataDir, 'cli-'));
    const env = {
      ...process.env,
      DATABASE_URL: t.url,
      DATA_DIR: t.dataDir,
      LOG_LEVEL: 'silent',
    };
    const cli = path.join(projectRoot, 'dist', 'bin', 'eoffice.js');
    const file = path.join(dir, 'surat.pdf');
    fs.writeFileSync(file, signedOnce);
    // The first signer's certificate is revoked by now: the CLI must say so and fail.
    const run = spawnSync(process.execPath, [cli, 'verify-pdf', file], { env, encoding: 'utf8' });
    expect(run.stdout).toContain('TIDAK VALID');
    expect(run.stdout).toContain('DICABUT');
    expect(run.status).toBe(1);
  });

  it('never wrote a passphrase to the logs or the database', async () => {
    expect(logLines.length).toBeGreaterThan(10);
    const text = logLines.join('') + (await databaseText(t.db));
    for (const secret of [HEAD_PASSPHRASE, SEKDA_PASSPHRASE]) expect(text).not.toContain(secret);
  });
});

describe('GET /api/v1/templates', () => {
  it('lists every kind of naskah dinas with the fields of its form', async () => {
    const t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    const server = createTestApp(t.config, t.db).listen(0);
    try {
      const token = (
        await request(server)
          .post('/api/v1/auth/token')
          .send({ username: 'staf1.disdik', password: DEMO_PASSWORD })
      ).body.token;
      const res = await request(server).get('/api/v1/templates').set('Authorization', `Bearer ${token}`);
      expect(res.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual([
        'memo',
        'nota-dinas',
        'surat-dinas',
        'surat-edaran',
        'surat-keputusan',
        'surat-tugas',
        'surat-undangan',
      ]);
      const invitation = res.body.items.find((i: { kind: string }) => i.kind === 'surat-undangan');
      expect(invitation.fields.map((f: { name: string }) => f.name)).toEqual(
        expect.arrayContaining(['tanggalAcara', 'tempat', 'acara']),
      );
      expect((await request(server).get('/api/v1/templates')).status).toBe(401);
    } finally {
      server.close();
      await t.drop();
    }
  });
});
