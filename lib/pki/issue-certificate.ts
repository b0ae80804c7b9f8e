import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { Config } from '../config';
import { NotFoundError } from '../errors';
import type { FileStore } from '../storage/file-store';
import { buildCrl } from './build-crl';
import { buildPkcs12 } from './build-pkcs12';
import { describeName } from './describe-name';
import { loadCa, type CertificateAuthority } from './load-ca';
import { OID } from './oids';
import { checkNewPassphrase } from './passphrase-rules';
import { ActiveCertificateExistsError, SignerNotEligibleError } from './pki-errors';
import { randomSerial } from './random-serial';
import { COUNTRY, REGENCY_ORGANIZATION } from './regency-names';
import { RSA_SHA256, toCryptoKey, webCrypto } from './web-crypto';
import * as x509 from './x509';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface IssueCertificateDeps {
  db: Knex;
  pki: Config['pki'];
  files: FileStore;
  /** Base of the public site; the certificate points to `${publicUrl}/pki/crl` for revocation. */
  publicUrl: string;
}

export interface IssueCertificateInput {
  userId: number;
  passphrase: string;
  actorId: number | null;
  /**
   * Replace a certificate that is still valid: it is revoked ('superseded') in the same transaction.
   * Without it, enrolling a person who still holds a valid certificate is refused, so a second,
   * forgotten key can never exist unnoticed.
   */
  renew?: boolean;
}

export interface IssuedCertificate {
  certificateId: number;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Ids of the certificates this one replaced (renew). */
  supersededIds: number[];
}

interface Holder {
  id: number;
  name: string;
  nip: string;
  position: string;
  opdId: number | null;
  opdName: string | null;
}

async function findHolder(db: Knex, userId: number): Promise<Holder> {
  const row = await db('users')
    .leftJoin('opd', 'opd.id', 'users.opd_id')
    .where('users.id', userId)
    .first(
      'users.id',
      'users.name',
      'users.nip',
      'users.position',
      'users.active',
      'users.opd_id',
      'opd.name as opd_name',
    );
  if (!row) throw new NotFoundError('Pengguna tidak ditemukan.');
  if (!row.active) {
    throw new SignerNotEligibleError('Akun pengguna ini tidak aktif; sertifikat tidak dapat diterbitkan.');
  }
  if (!row.nip) {
    throw new SignerNotEligibleError(
      'Pengguna ini belum memiliki NIP; NIP wajib tercantum dalam sertifikat.',
    );
  }
  return {
    id: Number(row.id),
    name: String(row.name),
    nip: String(row.nip),
    position: String(row.position ?? ''),
    opdId: row.opd_id === null ? null : Number(row.opd_id),
    opdName: row.opd_name ?? null,
  };
}

/** Certificates of the person that still count: not revoked, not yet expired. */
function validCertificates(db: Knex | Knex.Transaction, userId: number, now: Date) {
  return db('certificates')
    .where({ user_id: userId, status: 'active' })
    .where('not_after', '>', now)
    .select('id', 'serial');
}

async function createLeafCertificate(
  ca: CertificateAuthority,
  holder: Holder,
  publicKey: KeyObject,
  validity: { notBefore: Date; notAfter: Date },
  crlUrl: string,
): Promise<x509.X509Certificate> {
  const subjectKey = await toCryptoKey(publicKey);
  const rootKeyId = ca.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (!rootKeyId) throw new Error('root certificate has no subject key identifier');
  const subject: x509.JsonNameParams = [
    { [OID.countryName]: [{ printableString: COUNTRY }] },
    { [OID.organizationName]: [{ utf8String: REGENCY_ORGANIZATION }] },
    ...(holder.opdName ? [{ [OID.organizationalUnitName]: [{ utf8String: holder.opdName }] }] : []),
    ...(holder.position ? [{ [OID.title]: [{ utf8String: holder.position }] }] : []),
    { [OID.serialNumber]: [{ printableString: holder.nip }] },
    { [OID.commonName]: [{ utf8String: holder.name }] },
  ];
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: new x509.Name(subject),
      issuer: ca.certificate.subjectName,
      notBefore: validity.notBefore,
      notAfter: validity.notAfter,
      publicKey: subjectKey,
      signingKey: ca.signingKey,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        // NSS (poppler's pdfsig) checks signers against the e-mail usage; documentSigning is the
        // RFC 9336 purpose that newer validators look for. Both: neither kind rejects the other.
        new x509.ExtendedKeyUsageExtension([OID.emailProtection, OID.documentSigning], false),
        new x509.CRLDistributionPointsExtension([crlUrl]),
        new x509.AuthorityKeyIdentifierExtension(rootKeyId),
        await x509.SubjectKeyIdentifierExtension.create(subjectKey, false, webCrypto),
        // No OCSP / authority information access: validators must not wait on a responder we lack.
      ],
    },
    webCrypto,
  );
}

/**
 * Issues a signing certificate to an official: a fresh RSA-2048 key that exists only inside a PKCS#12
 * encrypted with the official's passphrase, stored in the file store; the `certificates` row and its
 * audit entry are written in the same transaction. The slow parts (key, PKCS#12) run before it.
 */
export async function issueCertificate(
  deps: IssueCertificateDeps,
  input: IssueCertificateInput,
): Promise<IssuedCertificate> {
  checkNewPassphrase(input.passphrase);
  const holder = await findHolder(deps.db, input.userId);
  if (!input.renew) {
    // Checked again under the lock below; this early answer just spares the key generation.
    const [current] = await validCertificates(deps.db, holder.id, new Date());
    if (current) throw new ActiveCertificateExistsError(current.serial);
  }

  const ca = await loadCa(deps.pki);
  const keys = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  // Whole seconds, as the certificate stores them, so the row and the certificate agree exactly.
  const start = Math.floor(Date.now() / 1000) * 1000;
  const validity = {
    // A few minutes back, for a verifier whose clock runs behind ours.
    notBefore: new Date(start - 5 * 60_000),
    notAfter: new Date(start + deps.pki.certValidityDays * 86_400_000),
  };
  const crlUrl = `${deps.publicUrl.replace(/\/+$/, '')}/pki/crl`;
  const certificate = await createLeafCertificate(ca, holder, keys.publicKey, validity, crlUrl);
  const leafDer = new Uint8Array(certificate.rawData);
  const p12 = await buildPkcs12({
    privateKey: keys.privateKey,
    certificates: [leafDer, new Uint8Array(ca.certificate.rawData)],
    passphrase: input.passphrase,
    iterations: deps.pki.p12KdfIterations,
    friendlyName: holder.name,
  });
  const serial = certificate.serialNumber.toLowerCase();
  const subject = describeName(certificate.subjectName).slice(0, 500);

  const issued = await deps.db.transaction(async (trx) => {
    // Takes the person's row first, so two enrolments of one person run one after the other.
    await trx('users').where({ id: holder.id }).forUpdate().first('id');
    const now = new Date();
    const current = await validCertificates(trx, holder.id, now);
    if (current.length && !input.renew) throw new ActiveCertificateExistsError(current[0].serial);
    for (const old of current) {
      await trx('certificates')
        .where({ id: old.id })
        .update({ status: 'revoked', revoked_at: now, revocation_reason: 'superseded' });
      await appendAudit(trx, {
        actorId: input.actorId,
        opdId: holder.opdId,
        action: 'certificate.revoke',
        entityType: 'certificate',
        entityId: old.id,
        data: { userId: holder.id, serial: old.serial, reason: 'superseded', replacedBy: serial },
      });
    }
    const file = await deps.files.put(
      p12,
      {
        mime: 'application/x-pkcs12',
        originalName: `sertifikat-${holder.nip}-${serial.slice(0, 8)}.p12`,
        createdBy: input.actorId,
      },
      trx,
    );
    const [id] = await trx('certificates').insert({
      user_id: holder.id,
      serial,
      subject,
      certificate_pem: certificate.toString('pem'),
      p12_file_id: file.id,
      status: 'active',
      not_before: validity.notBefore,
      not_after: validity.notAfter,
      created_at: now,
    });
    const certificateId = Number(id);
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: holder.opdId,
      action: 'certificate.issue',
      entityType: 'certificate',
      entityId: certificateId,
      data: {
        userId: holder.id,
        serial,
        subject,
        notBefore: validity.notBefore.toISOString(),
        notAfter: validity.notAfter.toISOString(),
        p12Sha256: file.sha256,
        leafSha256: createHash('sha256').update(leafDer).digest('hex'),
        ...(current.length ? { supersedes: current.map((c) => c.serial) } : {}),
      },
    });
    return { certificateId, supersededIds: current.map((c) => Number(c.id)) };
  });

  if (issued.supersededIds.length) await buildCrl({ db: deps.db, pki: deps.pki });
  return {
    certificateId: issued.certificateId,
    serial,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    supersededIds: issued.supersededIds,
  };
}
