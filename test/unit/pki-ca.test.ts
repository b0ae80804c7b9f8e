import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCaInit } from '../../bin/commands/ca';
import type { Config } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import { initCa } from '../../lib/pki/init-ca';
import { loadCa } from '../../lib/pki/load-ca';
import { pkiPaths } from '../../lib/pki/pki-paths';
import { CaKeyUnreadableError, CaNotInitializedError } from '../../lib/pki/pki-errors';
import { rootCertificatePem } from '../../lib/pki/root-certificate-pem';
import { TEST_P12_ITERATIONS, runTool } from '../support/pki';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('root CA', () => {
  let base: string;
  let pki: Config['pki'];
  let paths: ReturnType<typeof pkiPaths>;
  const pkiIn = (name: string, caKeySecret?: string): Config['pki'] => ({
    dir: path.join(base, name),
    caKeySecret,
    certValidityDays: 730,
    p12KdfIterations: TEST_P12_ITERATIONS,
  });

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-ca-'));
    pki = pkiIn('pki');
    paths = pkiPaths(pki.dir);
    // Two processes starting at once must end up with one CA, not a key of one and a certificate of the other.
    const results = await Promise.all([initCa(pki), initCa(pki)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].certPem).toBe(results[1].certPem);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('is idempotent: a second init returns the same root and creates nothing', async () => {
    const before = fs.readFileSync(paths.rootKey);
    const again = await initCa(pki);
    expect(again).toEqual({ created: false, certPem: fs.readFileSync(paths.rootCertificate, 'utf8') });
    expect(fs.readFileSync(paths.rootKey)).toEqual(before);
    expect(await rootCertificatePem(pki)).toBe(again.certPem);
    expect(fs.readdirSync(pki.dir).sort()).toEqual(['ca-key.secret', 'root.crt', 'root.key']);
  });

  it('writes the root profile the regency needs', () => {
    const text = runTool('openssl', ['x509', '-in', paths.rootCertificate, '-noout', '-text'], {
      check: true,
    }).stdout;
    const subject =
      'C = ID, O = Pemerintah Kabupaten Kuantan Singingi, ' +
      'OU = "Dinas Komunikasi, Informatika, Statistik dan Persandian", ' +
      'CN = Root CA Pemerintah Kabupaten Kuantan Singingi';
    expect(text).toContain(`Subject: ${subject}`);
    expect(text).toContain(`Issuer: ${subject}`);
    expect(text).toMatch(/Public-Key: \(3072 bit\)/);
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(text).toMatch(/X509v3 Subject Key Identifier:\s+([0-9A-F]{2}:){19}[0-9A-F]{2}/);
    const cert = new X509Certificate(fs.readFileSync(paths.rootCertificate));
    expect(cert.verify(cert.publicKey)).toBe(true);
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(20);
    expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it('keeps the root key only encrypted, with a 0600 secret beside it', () => {
    const keyPem = fs.readFileSync(paths.rootKey, 'utf8');
    expect(keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyPem).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(modeOf(pki.dir)).toBe(0o700);
    expect(modeOf(paths.rootKey)).toBe(0o600);
    expect(modeOf(paths.keySecret)).toBe(0o600);
    expect(modeOf(paths.rootCertificate)).toBe(0o644);
    const secret = fs.readFileSync(paths.keySecret, 'utf8').trim();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);

    const structure = runTool('openssl', ['asn1parse', '-in', paths.rootKey], { check: true }).stdout;
    expect(structure).toMatch(/:PBES2[\s\S]*:PBKDF2[\s\S]*:hmacWithSHA256[\s\S]*:aes-256-cbc/);
    // OpenSSL opens it with the secret, and with nothing else.
    const right = runTool('openssl', ['pkey', '-in', paths.rootKey, '-passin', 'env:SECRET', '-noout'], {
      env: { SECRET: secret },
    });
    expect(right.status).toBe(0);
    const wrong = runTool('openssl', ['pkey', '-in', paths.rootKey, '-passin', 'env:SECRET', '-noout'], {
      env: { SECRET: `${secret}x` },
    });
    expect(wrong.status).not.toBe(0);
    expect(() => createPrivateKey({ key: keyPem, passphrase: 'salah-sekali-rahasianya' })).toThrow();
  });

  it('loads the key with the right secret and refuses a wrong one without naming it', async () => {
    const ca = await loadCa(pki);
    expect(ca.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(ca.certificatePem).toBe(fs.readFileSync(paths.rootCertificate, 'utf8'));

    const wrongSecret = 'bukan-rahasia-yang-benar-123';
    const err = await loadCa({ ...pki, caKeySecret: wrongSecret }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaKeyUnreadableError);
    expect((err as Error).message).not.toContain(wrongSecret);
    expect((err as Error).message).not.toContain(fs.readFileSync(paths.keySecret, 'utf8').trim());
  });

  it('refuses to work before init, and when the key is missing', async () => {
    const empty = pkiIn('kosong');
    await expect(loadCa(empty)).rejects.toBeInstanceOf(CaNotInitializedError);
    await expect(rootCertificatePem(empty)).rejects.toMatchObject({
      status: 503,
      code: 'ca_not_initialized',
    });
    const keyless = pkiIn('tanpa-kunci');
    fs.mkdirSync(keyless.dir);
    fs.copyFileSync(paths.rootCertificate, pkiPaths(keyless.dir).rootCertificate);
    await expect(loadCa(keyless)).rejects.toBeInstanceOf(CaKeyUnreadableError);
  });

  it('uses CA_KEY_SECRET when set, writes no secret file, and `ca init` prints the fingerprint', async () => {
    const secret = 'rahasia-ca-dari-lingkungan-2026';
    const fromEnv = pkiIn('dari-env', secret);
    const config = { pki: fromEnv } as Config;
    const logger = createLogger('silent');
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let first: Awaited<ReturnType<typeof runCaInit>>;
    let second: Awaited<ReturnType<typeof runCaInit>>;
    try {
      first = await runCaInit(config, logger);
      second = await runCaInit(config, logger);
    } finally {
      spy.mockRestore();
    }
    const envPaths = pkiPaths(fromEnv.dir);
    expect(fs.existsSync(envPaths.keySecret)).toBe(false);
    const fingerprint = runTool(
      'openssl',
      ['x509', '-in', envPaths.rootCertificate, '-noout', '-fingerprint', '-sha256'],
      {
        check: true,
      },
    )
      .stdout.replace(/^.*Fingerprint=/i, '')
      .trim();
    expect(first).toEqual({ created: true, fingerprint256: fingerprint });
    expect(second).toEqual({ created: false, fingerprint256: fingerprint });
    const out = printed.join('');
    expect(out).toContain(`Root CA dibuat: ${envPaths.rootCertificate}`);
    expect(out).toContain(`Root CA sudah ada: ${envPaths.rootCertificate}`);
    expect(out).toContain(`Sidik jari SHA-256: ${fingerprint}`);
    expect(out).not.toContain(secret);
    const opened = runTool('openssl', ['pkey', '-in', envPaths.rootKey, '-passin', 'env:SECRET', '-noout'], {
      env: { SECRET: secret },
    });
    expect(opened.status).toBe(0);
    await expect(loadCa(fromEnv)).resolves.toBeDefined();
    // Without the secret (and without a secret file) the key stays shut.
    await expect(loadCa({ ...fromEnv, caKeySecret: undefined })).rejects.toBeInstanceOf(CaKeyUnreadableError);
  });

  it('sets aside a key left by an interrupted init and starts over', async () => {
    const interrupted = pkiIn('terputus');
    const p = pkiPaths(interrupted.dir);
    fs.mkdirSync(interrupted.dir, { recursive: true });
    fs.writeFileSync(p.rootKey, 'sisa init yang terputus', { mode: 0o600 });
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(p.rootKey, old, old);
    const result = await initCa(interrupted);
    expect(result.created).toBe(true);
    await expect(loadCa(interrupted)).resolves.toBeDefined();
    expect(fs.readdirSync(interrupted.dir).filter((f) => f.startsWith('root.key.abandoned-'))).toHaveLength(
      1,
    );
  });
});
