import { z } from 'zod';
import { DELEGATION_KINDS } from './delegation-kinds';

const isoDate = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: format tttt-bb-hh.`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `${label} bukan tanggal yang sah.`);
const userId = (label: string) =>
  z.coerce
    .number({ error: `${label} wajib dipilih.` })
    .int()
    .positive(`${label} wajib dipilih.`);

/** A new Plt / Plh: whose work, by whom, which kind, and the WIB days it covers (both inclusive). */
export const delegationInput = z
  .object({
    principalId: userId('Pejabat yang digantikan'),
    actingId: userId('Pejabat pelaksana'),
    kind: z.enum(DELEGATION_KINDS, { error: 'Pilih Plt. atau Plh.' }),
    startDate: isoDate('Tanggal mulai'),
    endDate: isoDate('Tanggal selesai'),
    reason: z
      .string({ error: 'Dasar penunjukan wajib diisi.' })
      .trim()
      .min(3, 'Dasar penunjukan wajib diisi (mis. nomor surat perintah, cuti, dinas luar).')
      .max(500, 'Dasar penunjukan paling panjang 500 karakter.'),
  })
  .refine((d) => d.principalId !== d.actingId, {
    path: ['actingId'],
    message: 'Pejabat pelaksana harus orang lain.',
  })
  .refine((d) => d.endDate >= d.startDate, {
    path: ['endDate'],
    message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  });

export type DelegationInput = z.infer<typeof delegationInput>;
