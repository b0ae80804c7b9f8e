import { X509CrlReason } from './x509';

/**
 * Reasons an operator can pick when revoking, with the label shown to people and the RFC 5280 reason
 * code the CRL carries. Any other text is stored as given and listed in the CRL without a code.
 */
export const REVOCATION_REASONS = {
  key_compromise: {
    label: 'Kunci privat atau passphrase diketahui orang lain',
    code: X509CrlReason.keyCompromise,
  },
  affiliation_changed: { label: 'Pindah jabatan atau OPD', code: X509CrlReason.affiliationChanged },
  superseded: { label: 'Diganti sertifikat baru', code: X509CrlReason.superseded },
  cessation_of_operation: {
    label: 'Berhenti, pensiun, atau tidak lagi menandatangani',
    code: X509CrlReason.cessationOfOperation,
  },
  privilege_withdrawn: { label: 'Kewenangan menandatangani dicabut', code: X509CrlReason.privilegeWithdrawn },
  unspecified: { label: 'Tanpa keterangan', code: X509CrlReason.unspecified },
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;
