import { X509Certificate } from 'node:crypto';

const CHAIN_PROBLEM = {
  untrusted: 'Sertifikat tidak diterbitkan oleh CA Pemerintah Kabupaten Kuantan Singingi.',
  notValidAtTime: 'Sertifikat tidak berlaku pada waktu penandatanganan.',
} as const;

/**
 * Whether one of the trusted roots issued the signer's certificate (names, key identifiers and the
 * root's signature on it) and both were valid at the given time. The regency's CA issues leaves
 * directly under its root, so no intermediates are looked for.
 */
export function checkCertificateChain(
  leaf: X509Certificate,
  rootsPem: string[],
  at: Date,
): { trusted: boolean; problems: string[] } {
  const root = rootsPem
    .map((pem) => new X509Certificate(pem))
    .find((candidate) => leaf.checkIssued(candidate) && leaf.verify(candidate.publicKey));
  if (!root) return { trusted: false, problems: [CHAIN_PROBLEM.untrusted] };
  const valid = [leaf, root].every((c) => new Date(c.validFrom) <= at && at <= new Date(c.validTo));
  return valid
    ? { trusted: true, problems: [] }
    : { trusted: false, problems: [CHAIN_PROBLEM.notValidAtTime] };
}
