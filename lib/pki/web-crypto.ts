import { webcrypto, type KeyObject } from 'node:crypto';

/** Node's WebCrypto, typed as the DOM one @peculiar/x509 expects; passed to it explicitly, never set globally. */
export const webCrypto = webcrypto as unknown as Crypto;

/** Every signature of the CA: RSA PKCS#1 v1.5 with SHA-256, what NSS, OpenSSL and Acrobat all accept. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A Node key as a WebCrypto key: private ones for signing, public ones (extractable) for key ids. */
export async function toCryptoKey(key: KeyObject): Promise<CryptoKey> {
  if (key.type === 'private') {
    return webCrypto.subtle.importKey(
      'pkcs8',
      key.export({ type: 'pkcs8', format: 'der' }),
      RSA_SHA256,
      false,
      ['sign'],
    );
  }
  return webCrypto.subtle.importKey('spki', key.export({ type: 'spki', format: 'der' }), RSA_SHA256, true, [
    'verify',
  ]);
}
