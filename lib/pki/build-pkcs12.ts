import { createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import { der } from './der';
import { derivePkcs12MacKey } from './derive-pkcs12-mac-key';
import { encryptPrivateKey } from './encrypt-private-key';
import { OID } from './oids';

export interface Pkcs12Input {
  privateKey: KeyObject;
  /** DER certificates, the key's own first, then its chain. */
  certificates: Uint8Array[];
  passphrase: string;
  iterations: number;
  friendlyName: string;
}

const dataContentInfo = (content: Buffer) =>
  der.seq(der.oid(OID.pkcs7Data), der.explicit0(der.octets(content)));

/**
 * A PKCS#12 file as `openssl pkcs12 -export` writes it today: the key in a shrouded key bag (PBES2,
 * PBKDF2-HMAC-SHA256, AES-256-CBC), a SHA-256 MAC, both with `iterations` rounds. The certificates are
 * public, so they sit unencrypted next to it, which spares every reader a second slow derivation.
 */
export async function buildPkcs12(input: Pkcs12Input): Promise<Buffer> {
  const [leaf] = input.certificates;
  if (!leaf) throw new Error('buildPkcs12: at least the key owner certificate is needed');
  // Pairs the key with its certificate for readers (OpenSSL, browsers): SHA-1 of the certificate.
  const localKeyId = createHash('sha1').update(leaf).digest();
  const ownAttributes = () =>
    der.set(
      der.seq(der.oid(OID.friendlyName), der.set(der.bmp(input.friendlyName))),
      der.seq(der.oid(OID.localKeyId), der.set(der.octets(localKeyId))),
    );
  const certBags = input.certificates.map((certificate, i) =>
    der.seq(
      der.oid(OID.certBag),
      der.explicit0(der.seq(der.oid(OID.x509Certificate), der.explicit0(der.octets(certificate)))),
      ...(i === 0 ? [ownAttributes()] : []),
    ),
  );
  const encryptedKey = await encryptPrivateKey(input.privateKey, input.passphrase, input.iterations);
  const keyBag = der.seq(
    der.oid(OID.pkcs8ShroudedKeyBag),
    der.explicit0(der.parse(encryptedKey, 'encrypted key')),
    ownAttributes(),
  );
  const authenticatedSafe = der.encode(
    der.seq(dataContentInfo(der.encode(der.seq(...certBags))), dataContentInfo(der.encode(der.seq(keyBag)))),
  );

  const macSalt = randomBytes(16);
  const macKey = await derivePkcs12MacKey(input.passphrase, macSalt, input.iterations);
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
  macKey.fill(0);

  return der.encode(
    der.seq(
      der.int(3),
      dataContentInfo(authenticatedSafe),
      der.seq(
        der.seq(der.seq(der.oid(OID.sha256), der.nul()), der.octets(mac)),
        der.octets(macSalt),
        der.int(input.iterations),
      ),
    ),
  );
}
