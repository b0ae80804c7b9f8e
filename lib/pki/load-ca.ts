import { createPublicKey, type KeyObject } from 'node:crypto';
import * as x509 from './x509';
import type { Config } from '../config';
import { decryptPrivateKey } from './decrypt-private-key';
import { pkiPaths } from './pki-paths';
import { CaKeyUnreadableError, CaNotInitializedError, DecryptionFailedError } from './pki-errors';
import { readFileIfExists } from './read-file-if-exists';
import { resolveCaKeySecret } from './resolve-ca-key-secret';
import { toCryptoKey } from './web-crypto';

export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  certificatePem: string;
  privateKey: KeyObject;
  /** The same key for @peculiar/x509 (certificates, CRLs). */
  signingKey: CryptoKey;
}

/** The root certificate and its decrypted key, for the CA's own use; never hand the key further. */
export async function loadCa(pki: Config['pki']): Promise<CertificateAuthority> {
  const paths = pkiPaths(pki.dir);
  const certPem = await readFileIfExists(paths.rootCertificate);
  if (!certPem) throw new CaNotInitializedError();
  const keyPem = await readFileIfExists(paths.rootKey);
  if (!keyPem) throw new CaKeyUnreadableError();
  const certificate = new x509.X509Certificate(certPem.toString('utf8'));
  let privateKey: KeyObject;
  try {
    const der = x509.PemConverter.decodeFirst(keyPem.toString('utf8'));
    privateKey = await decryptPrivateKey(
      new Uint8Array(der),
      await resolveCaKeySecret(pki, { create: false }),
    );
  } catch (err) {
    if (err instanceof DecryptionFailedError || err instanceof CaKeyUnreadableError) {
      throw new CaKeyUnreadableError();
    }
    throw err;
  }
  const publicDer = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!publicDer(createPublicKey(privateKey)).equals(Buffer.from(certificate.publicKey.rawData))) {
    throw new CaKeyUnreadableError();
  }
  return {
    certificate,
    certificatePem: certPem.toString('utf8'),
    privateKey,
    signingKey: await toCryptoKey(privateKey),
  };
}
