import { z } from 'zod';
import { parseIsoDate } from '../documents/parse-iso-date';
import { SIFAT, URGENCIES } from '../letters/letter-options';

const text = (max: number) =>
  z.string().trim().min(1, 'wajib diisi').max(max, `paling banyak ${max} karakter`);

/**
 * A paper letter's metadata as a form or the multipart fields of POST /api/v1/incoming send it (all
 * strings). The classification must also exist in the reference list: createPaperLetter checks that.
 */
export const paperLetterSchema = z.object({
  senderName: text(300),
  number: text(100),
  letterDate: z
    .string()
    .trim()
    .refine((v) => parseIsoDate(v) !== null, 'harus berupa tanggal yang valid (tttt-bb-hh)'),
  subject: text(500),
  sifat: z.enum(SIFAT, { message: `harus salah satu dari: ${SIFAT.join(', ')}` }),
  urgency: z.enum(URGENCIES, { message: `harus salah satu dari: ${URGENCIES.join(', ')}` }),
  classification: text(32),
  /** When it arrived: yyyy-mm-dd or an ISO timestamp; empty: now. */
  receivedAt: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime())),
      'harus berupa tanggal yang valid (tttt-bb-hh)',
    ),
});

export type PaperLetterMeta = z.infer<typeof paperLetterSchema>;
