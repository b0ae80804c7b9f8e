import { X509Certificate } from 'node:crypto';

/** The DER bytes of a PEM certificate; throws on anything that is not one certificate. */
export function pemToDer(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}
