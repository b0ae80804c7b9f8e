import { z } from 'zod';

const instant = (label: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${label} wajib diisi dalam format ISO 8601 dengan zona waktu, mis. 2026-12-03T09:00:00+07:00.`,
    })
    .transform((v) => new Date(v));

const fields = {
  title: z
    .string({ error: 'Nama kegiatan wajib diisi.' })
    .trim()
    .min(1, 'Nama kegiatan wajib diisi.')
    .max(300, 'Nama kegiatan paling panjang 300 karakter.'),
  place: z.string().trim().max(300, 'Tempat paling panjang 300 karakter.'),
  startsAt: instant('Waktu mulai'),
  endsAt: instant('Waktu selesai'),
  targetOutput: z.string().trim().max(1000, 'Target keluaran paling panjang 1000 karakter.'),
  responsibleId: z.coerce
    .number({ error: 'Pilih penanggung jawab.' })
    .int()
    .positive('Pilih penanggung jawab.'),
  participantIds: z
    .array(z.coerce.number().int().positive('Peserta tidak dikenal.'))
    .max(200, 'Paling banyak 200 peserta.'),
  /** The division (users.unit); '' for the whole OPD. */
  unit: z.string().trim().max(200, 'Nama bidang paling panjang 200 karakter.'),
  /** An outgoing letter's number or id, or an incoming letter's number or agenda number; '' for none. */
  letter: z.string().trim().max(100, 'Nomor surat paling panjang 100 karakter.'),
};

/** A new activity through the API or the form (the form's WIB date and time already made instants). */
export const agendaItemInput = z.object({
  ...fields,
  place: fields.place.default(''),
  targetOutput: fields.targetOutput.default(''),
  responsibleId: fields.responsibleId.optional(),
  participantIds: fields.participantIds.default([]),
  unit: fields.unit.optional(),
  letter: fields.letter.optional(),
});
export type AgendaItemInput = z.infer<typeof agendaItemInput>;

/** Changes to an activity: only the fields given change (participantIds replaces the whole list). */
export const agendaItemPatch = z
  .object(fields)
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'Tidak ada yang diubah.');
export type AgendaItemPatch = z.infer<typeof agendaItemPatch>;
