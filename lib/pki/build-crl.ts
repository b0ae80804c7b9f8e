import type { Knex } from 'knex';
import type { Config } from '../config';
import { toDate } from '../db/to-date';
import { der } from './der';
import { loadCa } from './load-ca';
import { OID } from './oids';
import { pkiPaths } from './pki-paths';
import { reasonCode } from './reason-code';
import { runExclusive } from './run-exclusive';
import { RSA_SHA256, webCrypto } from './web-crypto';
import { writeFileAtomic } from './write-file-atomic';
import * as x509 from './x509';

export interface BuildCrlDeps {
  db: Knex;
  pki: Config['pki'];
}

export const CRL_VALIDITY_DAYS = 7;

/** One build at a time per CA folder, so an older list can never overwrite a newer crl.der. */
const running = new Map<string, Promise<unknown>>();

async function build(deps: BuildCrlDeps): Promise<Buffer> {
  const ca = await loadCa(deps.pki);
  const rows = await deps
    .db('certificates')
    .where({ status: 'revoked' })
    .orderBy('id')
    .select('serial', 'revoked_at', 'revocation_reason');
  const thisUpdate = new Date(Math.floor(Date.now() / 1000) * 1000);
  const nextUpdate = new Date(thisUpdate.getTime() + CRL_VALIDITY_DAYS * 86_400_000);
  const rootKeyId = ca.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (!rootKeyId) throw new Error('root certificate has no subject key identifier');
  // RFC 5280 wants an increasing CRL number; the build time in milliseconds is one without a counter.
  const crlNumber = der.encode(der.bigInt(BigInt(Date.now())));
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: ca.certificate.subjectName,
      thisUpdate,
      nextUpdate,
      signingKey: ca.signingKey,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.AuthorityKeyIdentifierExtension(rootKeyId),
        new x509.Extension(OID.crlNumber, false, new Uint8Array(crlNumber)),
      ],
      entries: rows.map((row: { serial: string; revoked_at: unknown; revocation_reason: string | null }) => ({
        serialNumber: row.serial,
        revocationDate: toDate(row.revoked_at) ?? thisUpdate,
        reason: reasonCode(row.revocation_reason),
      })),
    },
    webCrypto,
  );
  const crlDer = Buffer.from(crl.rawData);
  await writeFileAtomic(pkiPaths(deps.pki.dir).crl, crlDer, 0o644);
  return crlDer;
}

/**
 * The certificate revocation list, signed by the root: every revoked certificate with its revocation
 * date and, where the reason maps to one, its RFC 5280 reason code; valid for seven days. Also written
 * to `<dir>/crl.der`, which /pki/crl serves.
 */
export function buildCrl(deps: BuildCrlDeps): Promise<Buffer> {
  return runExclusive(running, deps.pki.dir, () => build(deps));
}
