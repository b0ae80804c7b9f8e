import { createDecipheriv, createPrivateKey, pbkdf2, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { der } from './der';
import { OID } from './oids';
import { DecryptionFailedError } from './pki-errors';

const pbkdf2Async = promisify(pbkdf2);

/** Guards against a tampered file asking for an absurd amount of work. */
const MAX_ITERATIONS = 10_000_000;

/**
 * Opens the EncryptedPrivateKeyInfo written by encryptPrivateKey (PBES2, PBKDF2-HMAC-SHA256,
 * AES-256-CBC). A wrong passphrase throws DecryptionFailedError and nothing else, so callers cannot
 * leak why; the derivation runs off the event loop.
 */
export async function decryptPrivateKey(encryptedDer: Uint8Array, passphrase: string): Promise<KeyObject> {
  const what = 'encrypted key';
  const [algorithm, data] = der.children(der.parse(encryptedDer, what), what);
  const [algOid, pbes2Params] = der.children(algorithm, what);
  if (der.oidOf(algOid, what) !== OID.pbes2) throw new Error(`${what}: only PBES2 is supported`);
  const [kdf, scheme] = der.children(pbes2Params, what);
  const [kdfOid, kdfParams] = der.children(kdf, what);
  if (der.oidOf(kdfOid, what) !== OID.pbkdf2) throw new Error(`${what}: only PBKDF2 is supported`);
  const [saltNode, countNode, ...optional] = der.children(kdfParams, what);
  const salt = der.octetsOf(saltNode, what);
  const iterations = der.intOf(countNode, what);
  if (!(iterations > 0 && iterations <= MAX_ITERATIONS)) throw new Error(`${what}: bad iteration count`);
  const prf = optional.find((node) => der.isType(node, 'SEQUENCE'));
  if (!prf || der.oidOf(der.children(prf, what)[0], what) !== OID.hmacWithSha256) {
    throw new Error(`${what}: only HMAC-SHA256 is supported`);
  }
  const [schemeOid, ivNode] = der.children(scheme, what);
  if (der.oidOf(schemeOid, what) !== OID.aes256Cbc) throw new Error(`${what}: only AES-256-CBC is supported`);
  const iv = der.octetsOf(ivNode, what);
  const encrypted = der.octetsOf(data, what);

  const aesKey = await pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  let plain: Buffer | undefined;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey, iv);
    plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
    return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
  } catch {
    // Bad padding, or (1 in 256) good padding over garbage that is no PKCS#8 key: the same answer.
    throw new DecryptionFailedError();
  } finally {
    aesKey.fill(0);
    plain?.fill(0);
  }
}
