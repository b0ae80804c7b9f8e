import { z } from 'zod';
import { parseIsoDate } from '../documents/parse-iso-date';
import type { LetterStatus } from '../../workflows/outgoing-letter-types';
import type { IncomingStatus } from '../../workflows/incoming-letter-types';
import { blank } from '../validation/form-filters';

export const ARCHIVE_KINDS = ['keluar', 'masuk'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

const OUTGOING_STATUSES: LetterStatus[] = [
  'draft',
  'verifying',
  'numbering',
  'signing',
  'sending',
  'sent',
  'withdrawn',
];
const INCOMING_STATUSES: IncomingStatus[] = ['received', 'registered', 'in_progress', 'closed'];
export const ARCHIVE_STATUSES = [...OUTGOING_STATUSES, ...INCOMING_STATUSES] as [string, ...string[]];

/** Empty form fields arrive as '': they mean "no filter". */
const isoDate = z.preprocess(
  blank,
  z
    .string()
    .refine((s) => parseIsoDate(s) !== null, 'harus tanggal yang sah (yyyy-mm-dd)')
    .optional(),
);
const opdId = z.preprocess(blank, z.coerce.number().int().positive('harus id OPD').optional());
const fromBeforeTo = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const RANGE_MESSAGE = { message: 'tanggal awal harus sebelum tanggal akhir', path: ['to'] };

/** GET /api/v1/archive and /arsip. */
export const archiveSearchInput = z
  .object({
    q: z.preprocess(blank, z.string().trim().max(100, 'paling panjang 100 karakter').optional()),
    kind: z.preprocess(blank, z.enum(ARCHIVE_KINDS, { message: 'harus keluar atau masuk' }).optional()),
    opd: opdId,
    status: z.preprocess(blank, z.enum(ARCHIVE_STATUSES, { message: 'status tidak dikenal' }).optional()),
    from: isoDate,
    to: isoDate,
    page: z.coerce.number().int().min(1, 'minimal 1').default(1),
  })
  .refine(fromBeforeTo, RANGE_MESSAGE);
export type ArchiveSearchInput = z.infer<typeof archiveSearchInput>;

/** The agenda book export: ?jenis=masuk|keluar&dari=&sampai=&opd= */
export const agendaBookInput = z
  .object({
    jenis: z.enum(['masuk', 'keluar'], { message: 'harus masuk atau keluar' }),
    dari: isoDate,
    sampai: isoDate,
    opd: opdId,
  })
  .transform(({ jenis, dari, sampai, opd }) => ({ kind: jenis, from: dari, to: sampai, opd }))
  .refine(fromBeforeTo, { ...RANGE_MESSAGE, path: ['sampai'] });
export type AgendaBookInput = z.infer<typeof agendaBookInput>;

/** GET /api/v1/archive/statistics?from=&to=&opd= */
export const statisticsInput = z
  .object({ from: isoDate, to: isoDate, opd: opdId })
  .refine(fromBeforeTo, RANGE_MESSAGE);
export type StatisticsInput = z.infer<typeof statisticsInput>;
