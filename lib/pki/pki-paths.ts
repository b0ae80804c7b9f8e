import path from 'node:path';

/** Where the CA keeps its material inside `config.pki.dir`. */
export function pkiPaths(dir: string) {
  return {
    rootCertificate: path.join(dir, 'root.crt'),
    /** PKCS#8 EncryptedPrivateKeyInfo (PEM); never stored in clear. */
    rootKey: path.join(dir, 'root.key'),
    /** Only when CA_KEY_SECRET is unset (never in production): the generated secret, mode 0600. */
    keySecret: path.join(dir, 'ca-key.secret'),
    crl: path.join(dir, 'crl.der'),
  };
}
