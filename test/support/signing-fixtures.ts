import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
// lib/pki's wrapper installs the Reflect metadata shim @peculiar/x509 needs before loading it.
import * as x509 from '../../lib/pki/x509';
import { closeBrowser, launchBrowser } from './browser';

/**
 * Stand-ins for what lib/pki issues (same names, extensions and key sizes), so the signing tests do
 * not depend on the CA: the regency's root, two officials, and a foreign root with its own official.
 */

const crypto = webcrypto as unknown as Crypto;
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const REGENCY = 'Pemerintah Kabupaten Kuantan Singingi';
const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  unit: '2.5.4.11',
  title: '2.5.4.12',
  emailProtection: '1.3.6.1.5.5.7.3.4',
};
/** Nothing listens there: a CRL fetch fails at once instead of waiting on the network. */
const TEST_CRL_URL = 'http://127.0.0.1:9/pki/root.crl';

export interface TestOfficial {
  name: string;
  nip: string;
  position: string;
  opd: string;
  privateKey: KeyObject;
  /** Only so tests can prove it never leaks. */
  privateKeyPem: string;
  certificatePem: string;
  /** Leaf first, then the root: what unlockSigningKey returns. */
  chainPem: string[];
  /** Lowercase hex without leading zero bytes, as lib/pki stores serials. */
  serialHex: string;
}

export interface TestAuthority {
  rootPem: string;
  official: TestOfficial;
}

export interface SigningFixtures extends TestAuthority {
  coSigner: TestOfficial;
  /** A root nobody trusts, with an official of its own under the same names. */
  foreign: TestAuthority;
}

interface Issuer {
  name: x509.Name;
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
}

export async function createSigningFixtures(): Promise<SigningFixtures> {
  const root = await createRoot('Root CA Pemerintah Kabupaten Kuantan Singingi');
  const foreignRoot = await createRoot('Root CA Pemerintah Kabupaten Kuantan Singingi');
  return {
    rootPem: root.certificate.toString('pem'),
    official: await issueOfficial(root, {
      name: 'Dr. Hj. Nurhayati Syarif, M.Si.',
      nip: '197305121998032004',
      position: 'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
      opd: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
    }),
    coSigner: await issueOfficial(root, {
      name: 'Ir. Andi Saputra Lubis',
      nip: '198001012005011003',
      position: 'Sekretaris Daerah',
      opd: 'Sekretariat Daerah',
    }),
    foreign: {
      rootPem: foreignRoot.certificate.toString('pem'),
      official: await issueOfficial(foreignRoot, {
        name: 'Dr. Hj. Nurhayati Syarif, M.Si.',
        nip: '197305121998032004',
        position: 'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
        opd: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
      }),
    },
  };
}

async function createRoot(commonName: string): Promise<Issuer> {
  const { keys } = await keyPair();
  const name = new x509.Name([
    { [OID.country]: [{ printableString: 'ID' }] },
    { [OID.organization]: [{ utf8String: REGENCY }] },
    { [OID.commonName]: [{ utf8String: commonName }] },
  ]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name,
      keys,
      signingAlgorithm: RSA_SHA256,
      ...validity(3650),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { name, keys, certificate };
}

async function issueOfficial(
  issuer: Issuer,
  person: { name: string; nip: string; position: string; opd: string },
): Promise<TestOfficial> {
  const { keys, privateKey } = await keyPair();
  const serialHex = randomSerial();
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialHex,
      issuer: issuer.name,
      subject: new x509.Name([
        { [OID.country]: [{ printableString: 'ID' }] },
        { [OID.organization]: [{ utf8String: REGENCY }] },
        { [OID.unit]: [{ utf8String: person.opd }] },
        { [OID.title]: [{ utf8String: person.position }] },
        { [OID.serialNumber]: [{ printableString: person.nip }] },
        { [OID.commonName]: [{ utf8String: person.name }] },
      ]),
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: RSA_SHA256,
      ...validity(730),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([OID.emailProtection]),
        new x509.CRLDistributionPointsExtension([TEST_CRL_URL]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const certificatePem = certificate.toString('pem');
  return {
    ...person,
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem,
    chainPem: [certificatePem, issuer.certificate.toString('pem')],
    serialHex,
  };
}

async function keyPair(): Promise<{ keys: CryptoKeyPair; privateKey: KeyObject }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    privateKey: await crypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      RSA_SHA256,
      false,
      ['sign'],
    ),
    publicKey: await crypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      RSA_SHA256,
      true,
      ['verify'],
    ),
  };
  return { keys, privateKey };
}

/** Like lib/pki's serials: 16 bytes, positive, never a leading zero byte. */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return Buffer.from(bytes).toString('hex');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + days * 86_400_000) };
}

/** Where the test letter draws its signature block on page 1, in PDF points (origin bottom left). */
export const SIGNATURE_BLOCK_RECT: [number, number, number, number] = [330, 120, 530, 220];
/** A second block beside the first, for a co-signature. */
export const CO_SIGNATURE_BLOCK_RECT: [number, number, number, number] = [60, 120, 260, 220];

/**
 * A two-page letter printed by Chromium (Skia, classic cross-reference table), with the signature
 * blocks drawn where SIGNATURE_BLOCK_RECT and CO_SIGNATURE_BLOCK_RECT say.
 */
export async function renderTestLetter(): Promise<Buffer> {
  // A4 is 841.92pt tall and 1px = 0.75pt: a rect [x1 y1 x2 y2] starts at left x1/0.75 px, top (841.92 - y2)/0.75 px.
  const box = ([x1, y1, x2, y2]: number[]) =>
    `position:absolute;left:${x1 / 0.75}px;top:${(841.92 - y2) / 0.75}px;` +
    `width:${(x2 - x1) / 0.75}px;height:${(y2 - y1) / 0.75}px;border:1px solid #333;font:10pt sans-serif`;
  const html = `<!doctype html><html><head><style>@page{size:A4;margin:0}body{margin:0}</style></head><body>
    <div style="position:relative;height:1000px;overflow:hidden">
      <h1 style="margin:60px 80px 0">Nota Dinas</h1>
      <p style="margin:20px 80px">Nomor 000.1.2/27/DISKOMINFO/2026 - perihal uji tanda tangan elektronik.</p>
      <div style="${box(CO_SIGNATURE_BLOCK_RECT)}">Sekretaris Daerah<br>Ditandatangani secara elektronik</div>
      <div style="${box(SIGNATURE_BLOCK_RECT)}">Kepala Dinas<br>Ditandatangani secara elektronik</div>
    </div>
    <div style="page-break-before:always;margin:80px">Lampiran</div>
  </body></html>`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await closeBrowser(browser);
  }
}
