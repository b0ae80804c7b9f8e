export const DELEGATION_KINDS = ['plt', 'plh'] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

/** Printed before the principal's position in the signature block and shown beside names. */
export const DELEGATION_PREFIX: Record<DelegationKind, 'Plt.' | 'Plh.'> = { plt: 'Plt.', plh: 'Plh.' };

export const DELEGATION_LABELS: Record<DelegationKind, string> = {
  plt: 'Pelaksana Tugas (Plt.)',
  plh: 'Pelaksana Harian (Plh.)',
};

/** The roles whose tasks pass to the acting official, with the words the refusals use. */
export const DELEGABLE_ROLES = ['verifikator', 'penandatangan'] as const;
