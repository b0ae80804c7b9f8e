import { X509Certificate } from 'node:crypto';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { initCa } from '../../lib/pki/init-ca';
import { pkiPaths } from '../../lib/pki/pki-paths';

/**
 * `eoffice ca init`: creates the regency's root CA unless it exists, and prints its SHA-256
 * fingerprint, which operators compare by another channel when they install the root elsewhere.
 */
export async function runCaInit(
  config: Config,
  logger: Logger,
): Promise<{ created: boolean; fingerprint256: string }> {
  const { created, certPem } = await initCa(config.pki);
  const certificate = new X509Certificate(certPem);
  const file = pkiPaths(config.pki.dir).rootCertificate;
  logger.info({ created, file, fingerprint256: certificate.fingerprint256 }, 'root CA ready');
  process.stdout.write(
    `${created ? 'Root CA dibuat' : 'Root CA sudah ada'}: ${file}\n` +
      `Subjek: ${certificate.subject.replace(/\n/g, ', ')}\n` +
      `Berlaku sampai: ${new Date(certificate.validTo).toISOString()}\n` +
      `Sidik jari SHA-256: ${certificate.fingerprint256}\n`,
  );
  return { created, fingerprint256: certificate.fingerprint256 };
}
