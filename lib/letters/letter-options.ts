import type { Urgency } from '../../workflows/outgoing-letter-types';

/**
 * Sifat naskah: how carefully a letter is handled. The security levels of the tata naskah dinas
 * (biasa, terbatas, rahasia, sangat rahasia) plus "penting", which regional letters commonly print.
 */
export const SIFAT = ['biasa', 'penting', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type Sifat = (typeof SIFAT)[number];

export const SIFAT_LABELS: Record<Sifat, string> = {
  biasa: 'Biasa',
  penting: 'Penting',
  terbatas: 'Terbatas',
  rahasia: 'Rahasia',
  sangat_rahasia: 'Sangat Rahasia',
};

/** Derajat kecepatan (urgensi) of a letter. */
export const URGENCIES = ['sangat_segera', 'segera', 'biasa'] as const satisfies readonly Urgency[];

export const URGENCY_LABELS: Record<Urgency, string> = {
  sangat_segera: 'Sangat Segera',
  segera: 'Segera',
  biasa: 'Biasa',
};

export const isSifat = (value: unknown): value is Sifat =>
  typeof value === 'string' && (SIFAT as readonly string[]).includes(value);

export const isUrgency = (value: unknown): value is Urgency =>
  typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
