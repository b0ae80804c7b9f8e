import { createCipheriv, pbkdf2, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { der } from './der';
import { OID } from './oids';

const pbkdf2Async = promisify(pbkdf2);

/**
 * PKCS#8 EncryptedPrivateKeyInfo (DER): PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, the form OpenSSL
 * and every PKCS#12 reader understand. Written by hand because Node's own export fixes the PBKDF2 rounds
 * at 2048, far too few for a human passphrase; the derivation runs on libuv's pool, off the event loop.
 */
export async function encryptPrivateKey(
  key: KeyObject,
  passphrase: string,
  iterations: number,
): Promise<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const aesKey = await pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const cipher = createCipheriv('aes-256-cbc', aesKey, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  aesKey.fill(0);
  return der.encode(
    der.seq(
      der.seq(
        der.oid(OID.pbes2),
        der.seq(
          der.seq(
            der.oid(OID.pbkdf2),
            der.seq(der.octets(salt), der.int(iterations), der.seq(der.oid(OID.hmacWithSha256), der.nul())),
          ),
          der.seq(der.oid(OID.aes256Cbc), der.octets(iv)),
        ),
      ),
      der.octets(encrypted),
    ),
  );
}
