import { z } from 'zod';

/** An empty form field means "not given", so it reaches the optional schema as undefined. */
export const blank = (v: unknown) => (v === '' ? undefined : v);

/** An optional yyyy-mm-dd filter (a WIB calendar day), empty allowed. */
export const optionalWibDate = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal: tttt-bb-hh')
    .refine((d) => !Number.isNaN(Date.parse(d)), 'bukan tanggal yang sah')
    .optional(),
);
