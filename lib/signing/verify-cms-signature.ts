import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CMS_OID } from './cms-oids';

export interface CmsVerification {
  /** The digest matches the signed bytes and the signature over the signed attributes verifies. */
  integrity: boolean;
  /** The certificate the signer info names, when the CMS carries it. */
  signer: X509Certificate | null;
  problems: string[];
}

/** What e-Office, Acrobat, poppler and pyHanko write by default. */
const DIGESTS: Record<string, string> = { [CMS_OID.sha256]: 'sha256' };

const CMS_PROBLEM = {
  malformed: 'Data tanda tangan rusak atau formatnya tidak dikenali.',
  noSigner: 'Sertifikat penanda tangan tidak disertakan dalam tanda tangan.',
  digestUnsupported: 'Algoritma hash tanda tangan tidak didukung.',
  contentChanged: 'Isi dokumen telah diubah setelah ditandatangani.',
  badSignature: 'Tanda tangan tidak cocok dengan sertifikat penanda tangan.',
  wrongCertificate: 'Sertifikat penanda tangan berbeda dari yang tercantum dalam tanda tangan.',
} as const;

/**
 * Checks a detached CMS SignedData against the bytes it claims to sign: the message-digest attribute,
 * the signature over the DER of the signed attributes with the signer certificate's key, and the
 * signing-certificate-v2 attribute (when present) against that certificate.
 */
export function verifyCmsSignature(cms: Buffer, signedBytes: Buffer): CmsVerification {
  let signedData: pkijs.SignedData;
  try {
    // fromBER reads one element: the zero padding after it in /Contents is ignored.
    const asn1 = asn1js.fromBER(new Uint8Array(cms));
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== CMS_OID.signedData) return broken(CMS_PROBLEM.malformed);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return broken(CMS_PROBLEM.malformed);
  }
  const signerInfo = signedData.signerInfos[0];
  const signedAttrs = signerInfo?.signedAttrs;
  if (signedData.signerInfos.length !== 1 || !signedAttrs) return broken(CMS_PROBLEM.malformed);
  const attributes = signedAttrs.attributes;

  const sid = signerInfo.sid;
  const certificate = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.serialNumber.isEqual(sid.serialNumber) &&
      c.issuer.isEqual(sid.issuer),
  );
  if (!certificate) return broken(CMS_PROBLEM.noSigner);
  const certificateDer = Buffer.from(certificate.toSchema().toBER());
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(certificateDer);
  } catch {
    return broken(CMS_PROBLEM.malformed);
  }

  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return { integrity: false, signer, problems: [CMS_PROBLEM.digestUnsupported] };
  const problems: string[] = [];
  const messageDigest = attributeValue(attributes, CMS_OID.messageDigest);
  const expected = createHash(digest).update(signedBytes).digest();
  if (!(messageDigest instanceof asn1js.OctetString)) problems.push(CMS_PROBLEM.malformed);
  else if (!expected.equals(bytes(messageDigest))) problems.push(CMS_PROBLEM.contentChanged);
  // pkijs keeps the attributes' original encoding, already re-tagged as the SET that was signed.
  const toBeSigned = Buffer.from(signedAttrs.encodedValue);
  if (!signatureVerifies(digest, toBeSigned, signer, bytes(signerInfo.signature))) {
    problems.push(CMS_PROBLEM.badSignature);
  }
  if (!signingCertificateMatches(attributeValue(attributes, CMS_OID.signingCertificateV2), certificateDer)) {
    problems.push(CMS_PROBLEM.wrongCertificate);
  }
  return { integrity: problems.length === 0, signer, problems };
}

/** Node's verify throws for keys it cannot use that way (an Ed25519 key with a digest): that is a no. */
function signatureVerifies(
  digest: string,
  data: Buffer,
  signer: X509Certificate,
  signature: Buffer,
): boolean {
  try {
    return verify(digest, data, signer.publicKey, signature);
  } catch {
    return false;
  }
}

function broken(problem: string): CmsVerification {
  return { integrity: false, signer: null, problems: [problem] };
}

function attributeValue(attributes: pkijs.Attribute[], type: string): asn1js.AsnType | undefined {
  return attributes.find((a) => a.type === type)?.values[0];
}

function bytes(value: asn1js.OctetString): Buffer {
  return Buffer.from(value.valueBlock.valueHexView);
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, ... }, ESSCertIDv2 ::= SEQUENCE
 * { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }: the first ESSCertIDv2
 * names the signer. An absent attribute binds nothing (legacy adbe.pkcs7.detached signatures).
 */
function signingCertificateMatches(value: asn1js.AsnType | undefined, certificateDer: Buffer): boolean {
  if (value === undefined) return true;
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return false;
  const [head, next] = first.valueBlock.value;
  const algorithm = head instanceof asn1js.Sequence ? head.valueBlock.value[0] : undefined;
  const digest = algorithm instanceof asn1js.ObjectIdentifier ? DIGESTS[algorithm.getValue()] : 'sha256';
  const certHash = head instanceof asn1js.Sequence ? next : head;
  if (!digest || !(certHash instanceof asn1js.OctetString)) return false;
  return createHash(digest).update(certificateDer).digest().equals(bytes(certHash));
}
