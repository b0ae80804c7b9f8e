import { createHash, sign, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CMS_OID } from './cms-oids';
import { pemToDer } from './pem-to-der';

/**
 * Makes the detached CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1), for
 * @signpdf/signpdf: SHA-256, RSA PKCS#1 v1.5, signed attributes content-type, message-digest and
 * signing-certificate-v2, and no signing-time (PAdES takes the claimed time from the signature
 * dictionary's /M). The whole chain is embedded, leaf first. Stateless: an instance may sign any
 * number of documents with the same key.
 */
export class CadesSigner extends Signer {
  private readonly certificates: pkijs.Certificate[];
  private readonly leafDer: Buffer;

  /** chainPem: the signer's certificate first, then its issuers. */
  constructor(
    private readonly privateKey: KeyObject,
    chainPem: string[],
  ) {
    super();
    const ders = chainPem.map(pemToDer);
    this.leafDer = ders[0];
    this.certificates = ders.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  }

  /** `signedBytes`: the PDF without the /Contents placeholder, as @signpdf/signpdf passes it. */
  async sign(signedBytes: Buffer): Promise<Buffer> {
    const leaf = this.certificates[0];
    const attributes = [
      attribute(CMS_OID.contentType, new asn1js.ObjectIdentifier({ value: CMS_OID.data })),
      attribute(CMS_OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(signedBytes) })),
      attribute(CMS_OID.signingCertificateV2, signingCertificateV2(this.leafDer, leaf)),
    ];
    // DER orders a SET OF by encoding; verifiers that re-encode the attributes (OpenSSL) rely on it.
    attributes.sort((a, b) => Buffer.compare(der(a.toSchema()), der(b.toSchema())));
    const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
    // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] field.
    const toBeSigned = der(signedAttrs.toSchema());
    toBeSigned[0] = 0x31;
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: CMS_OID.sha256 }),
      signedAttrs,
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: CMS_OID.sha256WithRsa,
        algorithmParams: new asn1js.Null(),
      }),
      signature: new asn1js.OctetString({ valueHex: sign('sha256', toBeSigned, this.privateKey) }),
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: CMS_OID.sha256 })],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CMS_OID.data }),
      certificates: this.certificates,
      signerInfos: [signerInfo],
    });
    const contentInfo = new pkijs.ContentInfo({
      contentType: CMS_OID.signedData,
      content: signedData.toSchema(),
    });
    return der(contentInfo.toSchema());
  }
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2
 * { certHash, issuerSerial }; hashAlgorithm is left out because SHA-256 is its DER default (RFC 5035).
 */
function signingCertificateV2(leafDer: Buffer, leaf: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        // GeneralNames with one directoryName [4], explicitly tagged because Name is a CHOICE.
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [leaf.issuer.toSchema()] }),
        ],
      }),
      leaf.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(leafDer) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function der(schema: asn1js.AsnType): Buffer {
  return Buffer.from(schema.toBER());
}
