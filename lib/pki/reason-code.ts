import { REVOCATION_REASONS } from './revocation-reasons';
import type { X509CrlReason } from './x509';

/**
 * The RFC 5280 reason code for a stored revocation reason (`key_compromise`, `keyCompromise`,
 * `key compromise` all match), or undefined when the text names none, or only "unspecified", which
 * RFC 5280 says to leave out.
 */
export function reasonCode(reason: string | null | undefined): X509CrlReason | undefined {
  if (!reason) return undefined;
  const key = reason
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (key === 'unspecified' || !(key in REVOCATION_REASONS)) return undefined;
  return REVOCATION_REASONS[key as keyof typeof REVOCATION_REASONS].code;
}
