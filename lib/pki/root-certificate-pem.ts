import type { Config } from '../config';
import { pkiPaths } from './pki-paths';
import { CaNotInitializedError } from './pki-errors';
import { readFileIfExists } from './read-file-if-exists';

/** The root certificate (PEM) to publish at /pki/root.crt, so relying parties can trust the regency's CA. */
export async function rootCertificatePem(pki: Config['pki']): Promise<string> {
  const pem = await readFileIfExists(pkiPaths(pki.dir).rootCertificate);
  if (!pem) throw new CaNotInitializedError();
  return pem.toString('utf8');
}
