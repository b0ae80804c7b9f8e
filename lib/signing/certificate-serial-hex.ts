import type { X509Certificate } from 'node:crypto';

/**
 * A certificate's serial as statusOf receives it and lib/pki stores it: lowercase hex of the unsigned
 * value, two digits per byte, no leading zero byte (so never the DER sign byte): `4f0a…`. This is
 * Node's X509Certificate#serialNumber, lowercased.
 */
export function certificateSerialHex(certificate: X509Certificate): string {
  return certificate.serialNumber.toLowerCase();
}
