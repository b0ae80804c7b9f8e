import { pkiPaths } from './pki-paths';
import { buildCrl, type BuildCrlDeps } from './build-crl';
import { readFileIfExists } from './read-file-if-exists';
import * as x509 from './x509';

/** How old a published CRL may get before it is rebuilt, well inside its seven-day validity. */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The CRL to serve at /pki/crl: the stored crl.der while it is fresh and lists every revoked
 * certificate, else a new one. Revocations are never undone, so a count tells a stale list.
 */
export async function currentCrl(deps: BuildCrlDeps): Promise<Buffer> {
  const stored = await readFileIfExists(pkiPaths(deps.pki.dir).crl);
  if (stored) {
    const [{ n }] = await deps.db('certificates').where({ status: 'revoked' }).count({ n: '*' });
    const crl = new x509.X509Crl(new Uint8Array(stored));
    if (Date.now() - crl.thisUpdate.getTime() < REFRESH_AFTER_MS && crl.entries.length === Number(n)) {
      return stored;
    }
  }
  return buildCrl(deps);
}
