import { generateKeyPair, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as x509 from './x509';
import type { Config } from '../config';
import { encryptPrivateKey } from './encrypt-private-key';
import { OID } from './oids';
import { pkiPaths } from './pki-paths';
import { randomSerial } from './random-serial';
import { readFileIfExists } from './read-file-if-exists';
import { CA_OPERATOR_UNIT, COUNTRY, REGENCY_ORGANIZATION, ROOT_COMMON_NAME } from './regency-names';
import { resolveCaKeySecret } from './resolve-ca-key-secret';
import { RSA_SHA256, toCryptoKey, webCrypto } from './web-crypto';
import { writeFileAtomic } from './write-file-atomic';
import { writeFileExclusive } from './write-file-exclusive';

const generateKeyPairAsync = promisify(generateKeyPair);

const ROOT_KEY_BITS = 3072;
const ROOT_VALIDITY_YEARS = 20;
/** A root.key this old without a root.crt is the leftover of an interrupted init, not one in progress. */
const ABANDONED_AFTER_MS = 60_000;

async function createRootCertificate(
  keys: { publicKey: KeyObject; privateKey: KeyObject },
  commonName: string,
): Promise<x509.X509Certificate> {
  const publicKey = await toCryptoKey(keys.publicKey);
  // Whole seconds, as the certificate stores them; a few minutes back for clocks that run behind.
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + ROOT_VALIDITY_YEARS);
  return x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: new x509.Name([
        { [OID.countryName]: [{ printableString: COUNTRY }] },
        { [OID.organizationName]: [{ utf8String: REGENCY_ORGANIZATION }] },
        { [OID.organizationalUnitName]: [{ utf8String: CA_OPERATOR_UNIT }] },
        { [OID.commonName]: [{ utf8String: commonName }] },
      ]),
      notBefore,
      notAfter,
      keys: { publicKey, privateKey: await toCryptoKey(keys.privateKey) },
      signingAlgorithm: RSA_SHA256,
      extensions: [
        // Officials' certificates hang directly under the root: no intermediate may be made from it.
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, webCrypto),
      ],
    },
    webCrypto,
  );
}

/**
 * Creates the regency's root CA in `pki.dir` unless it exists: `root.crt` and `root.key`, the key only
 * encrypted with the CA secret. Idempotent, and safe when two processes start at once: whoever creates
 * root.key (exclusively) writes the certificate, the other waits for it.
 */
export async function initCa(
  pki: Config['pki'],
  options: { commonName?: string } = {},
): Promise<{ created: boolean; certPem: string }> {
  const paths = pkiPaths(pki.dir);
  await fs.mkdir(pki.dir, { recursive: true, mode: 0o700 });
  const existing = await readFileIfExists(paths.rootCertificate);
  if (existing) return { created: false, certPem: existing.toString('utf8') };

  const secret = await resolveCaKeySecret(pki, { create: true });
  const keys = await generateKeyPairAsync('rsa', { modulusLength: ROOT_KEY_BITS });
  const certificate = await createRootCertificate(keys, options.commonName ?? ROOT_COMMON_NAME);
  const encryptedKey = await encryptPrivateKey(keys.privateKey, secret, pki.p12KdfIterations);
  const keyPem = x509.PemConverter.encode(new Uint8Array(encryptedKey), 'ENCRYPTED PRIVATE KEY');
  const certPem = certificate.toString('pem') + '\n';

  if (await writeFileExclusive(paths.rootKey, keyPem, 0o600)) {
    await writeFileAtomic(paths.rootCertificate, certPem, 0o644);
    return { created: true, certPem };
  }
  for (;;) {
    const theirs = await readFileIfExists(paths.rootCertificate);
    if (theirs) return { created: false, certPem: theirs.toString('utf8') };
    const stat = await fs.stat(paths.rootKey).catch(() => null);
    if (!stat || Date.now() - stat.mtimeMs > ABANDONED_AFTER_MS) break;
    await sleep(100);
  }
  // A key without a certificate was never published, so nothing can depend on it: set it aside, retry.
  await fs.rename(paths.rootKey, `${paths.rootKey}.abandoned-${Date.now()}`).catch(() => undefined);
  return initCa(pki, options);
}
