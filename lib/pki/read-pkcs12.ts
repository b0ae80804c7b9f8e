import type { KeyObject } from 'node:crypto';
import { decryptPrivateKey } from './decrypt-private-key';
import { der } from './der';
import { OID } from './oids';

const WHAT = 'PKCS#12';

function dataOf(contentInfo: Parameters<typeof der.children>[0]): Buffer {
  const [type, content] = der.children(contentInfo, WHAT);
  if (der.oidOf(type, WHAT) !== OID.pkcs7Data) throw new Error(`${WHAT}: encrypted content is not supported`);
  return der.octetsOf(der.explicit0Of(content, WHAT), WHAT);
}

/**
 * Reads a PKCS#12 written by buildPkcs12: the certificates in file order (key owner first) and the key,
 * decrypted with the passphrase (DecryptionFailedError when it is wrong). The MAC is not checked: the
 * file store already refuses altered bytes, and the caller matches the key to its certificate.
 */
export async function readPkcs12(
  p12: Uint8Array,
  passphrase: string,
): Promise<{ privateKey: KeyObject; certificates: Buffer[] }> {
  const [version, authSafe] = der.children(der.parse(p12, WHAT), WHAT);
  if (der.intOf(version, WHAT) !== 3) throw new Error(`${WHAT}: unsupported version`);
  const certificates: Buffer[] = [];
  let encryptedKey: Buffer | null = null;
  for (const contentInfo of der.children(der.parse(dataOf(authSafe), WHAT), WHAT)) {
    for (const bag of der.children(der.parse(dataOf(contentInfo), WHAT), WHAT)) {
      const [bagId, bagValue] = der.children(bag, WHAT);
      const type = der.oidOf(bagId, WHAT);
      if (type === OID.certBag) {
        const [certId, certValue] = der.children(der.explicit0Of(bagValue, WHAT), WHAT);
        if (der.oidOf(certId, WHAT) === OID.x509Certificate) {
          certificates.push(der.octetsOf(der.explicit0Of(certValue, WHAT), WHAT));
        }
      } else if (type === OID.pkcs8ShroudedKeyBag) {
        if (encryptedKey) throw new Error(`${WHAT}: more than one key`);
        encryptedKey = der.encode(der.explicit0Of(bagValue, WHAT));
      }
    }
  }
  if (!encryptedKey) throw new Error(`${WHAT}: no private key`);
  return { privateKey: await decryptPrivateKey(encryptedKey, passphrase), certificates };
}
