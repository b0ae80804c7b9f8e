/** Where a person stands in the signer registry, from their current certificate. */
export const SIGNER_STATUSES = ['active', 'expiring', 'expired', 'revoked', 'none'] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

export const SIGNER_STATUS_LABELS: Record<SignerStatus, string> = {
  active: 'Aktif',
  expiring: 'Segera kedaluwarsa',
  expired: 'Kedaluwarsa',
  revoked: 'Dicabut',
  none: 'Belum bersertifikat',
};
