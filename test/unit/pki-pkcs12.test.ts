import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPkcs12 } from '../../lib/pki/build-pkcs12';
import { decryptPrivateKey } from '../../lib/pki/decrypt-private-key';
import { encryptPrivateKey } from '../../lib/pki/encrypt-private-key';
import { DecryptionFailedError } from '../../lib/pki/pki-errors';
import { readPkcs12 } from '../../lib/pki/read-pkcs12';
import { TEST_P12_ITERATIONS, runTool } from '../support/pki';

const PASSPHRASE = 'Kata-Sandi Uji #2026';
/** Non-ASCII, so the UTF-8 (PBES2) and BMPString (MAC) encodings must both match OpenSSL's. */
const UNICODE_PASSPHRASE = 'Tanda-tangan ü Ω 印 2026';
const spki = (key: KeyObject) =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });

describe('PKCS#12 and encrypted keys', () => {
  let dir: string;
  let key: KeyObject;
  let leaf: X509Certificate;
  let root: X509Certificate;
  let p12File: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-p12-'));
    const selfSigned = (name: string) => {
      const keyFile = path.join(dir, `${name}.key`);
      const certFile = path.join(dir, `${name}.crt`);
      runTool(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          keyFile,
          '-out',
          certFile,
          '-subj',
          `/CN=${name}`,
          '-days',
          '1',
        ],
        { check: true },
      );
      return {
        key: createPrivateKey(fs.readFileSync(keyFile)),
        cert: new X509Certificate(fs.readFileSync(certFile)),
      };
    };
    const official = selfSigned('pejabat');
    key = official.key;
    leaf = official.cert;
    root = selfSigned('root').cert;
    p12File = path.join(dir, 'pejabat.p12');
    fs.writeFileSync(
      p12File,
      await buildPkcs12({
        privateKey: key,
        certificates: [leaf.raw, root.raw],
        passphrase: PASSPHRASE,
        iterations: TEST_P12_ITERATIONS,
        friendlyName: 'Pejabat Uji',
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens in OpenSSL with the passphrase: AES-256-CBC key bag, SHA-256 MAC, our rounds', () => {
    const info = runTool('openssl', ['pkcs12', '-info', '-in', p12File, '-passin', 'env:PASS', '-noout'], {
      env: { PASS: PASSPHRASE },
    });
    expect(info.status).toBe(0);
    expect(info.output).toContain(`MAC: sha256, Iteration ${TEST_P12_ITERATIONS}`);
    expect(info.output).toContain(
      `Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration ${TEST_P12_ITERATIONS}, PRF hmacWithSHA256`,
    );
    const certs = runTool('openssl', ['pkcs12', '-in', p12File, '-passin', 'env:PASS', '-nokeys'], {
      env: { PASS: PASSPHRASE },
    }).stdout;
    expect(certs).toContain('subject=CN = pejabat');
    expect(certs).toContain('subject=CN = root');
    expect(certs).toContain('friendlyName: Pejabat Uji');
    const keyPem = runTool(
      'openssl',
      ['pkcs12', '-in', p12File, '-passin', 'env:PASS', '-nocerts', '-nodes'],
      {
        env: { PASS: PASSPHRASE },
      },
    ).stdout;
    expect(spki(createPublicKey(keyPem))).toEqual(spki(key));
  });

  it('does not open in OpenSSL with a wrong passphrase', () => {
    const wrong = runTool('openssl', ['pkcs12', '-info', '-in', p12File, '-passin', 'env:PASS', '-noout'], {
      env: { PASS: `${PASSPHRASE}!` },
    });
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/Mac verify error: invalid password/);
  });

  it('reads back its own file: key and certificates in order; a wrong passphrase is DecryptionFailedError', async () => {
    const bytes = fs.readFileSync(p12File);
    const opened = await readPkcs12(bytes, PASSPHRASE);
    expect(spki(opened.privateKey)).toEqual(spki(key));
    expect(opened.certificates).toEqual([leaf.raw, root.raw]);
    await expect(readPkcs12(bytes, 'bukan passphrase-nya')).rejects.toBeInstanceOf(DecryptionFailedError);
    await expect(readPkcs12(bytes.subarray(0, bytes.length - 3), PASSPHRASE)).rejects.toThrow(/well-formed/);
  });

  it('agrees with OpenSSL on a non-ASCII passphrase, in both directions', async () => {
    const ours = path.join(dir, 'unicode.p12');
    fs.writeFileSync(
      ours,
      await buildPkcs12({
        privateKey: key,
        certificates: [leaf.raw],
        passphrase: UNICODE_PASSPHRASE,
        iterations: TEST_P12_ITERATIONS,
        friendlyName: 'Pejabat Ünïcode',
      }),
    );
    const info = runTool('openssl', ['pkcs12', '-info', '-in', ours, '-passin', 'env:PASS', '-noout'], {
      env: { PASS: UNICODE_PASSPHRASE },
    });
    expect(info.status).toBe(0);
    // OpenSSL writes a key with the same passphrase; decryptPrivateKey must open it.
    const encryptedByOpenssl = runTool(
      'openssl',
      [
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-v2prf',
        'hmacWithSHA256',
        '-iter',
        '20000',
        '-passout',
        'env:PASS',
        '-out',
        path.join(dir, 'theirs.der'),
        '-outform',
        'DER',
      ],
      { env: { PASS: UNICODE_PASSPHRASE }, input: key.export({ type: 'pkcs8', format: 'pem' }) as string },
    );
    expect(encryptedByOpenssl.status).toBe(0);
    const opened = await decryptPrivateKey(fs.readFileSync(path.join(dir, 'theirs.der')), UNICODE_PASSPHRASE);
    expect(spki(opened)).toEqual(spki(key));
  });

  it('encrypts keys so Node and OpenSSL open them with the passphrase and nothing else', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encrypted = await encryptPrivateKey(privateKey, PASSPHRASE, TEST_P12_ITERATIONS);
    const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(encrypted.includes(plain.subarray(40, 80))).toBe(false);
    const viaNode = createPrivateKey({
      key: encrypted,
      format: 'der',
      type: 'pkcs8',
      passphrase: PASSPHRASE,
    });
    expect(spki(viaNode)).toEqual(spki(privateKey));
    expect(() =>
      createPrivateKey({ key: encrypted, format: 'der', type: 'pkcs8', passphrase: 'salah' }),
    ).toThrow();
    const file = path.join(dir, 'key.der');
    fs.writeFileSync(file, encrypted);
    expect(
      runTool('openssl', ['pkey', '-inform', 'DER', '-in', file, '-passin', 'env:PASS', '-noout'], {
        env: { PASS: PASSPHRASE },
      }).status,
    ).toBe(0);
    await expect(decryptPrivateKey(encrypted, `${PASSPHRASE} `)).rejects.toBeInstanceOf(
      DecryptionFailedError,
    );
  });
});
