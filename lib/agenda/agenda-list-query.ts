import { z } from 'zod';
import { AGENDA_FILTERS } from './agenda-labels';
import { blank, optionalWibDate } from '../validation/form-filters';

/** The agenda list's filters, from the API's query string or the page's filter form. */
export const agendaListQuery = z
  .object({
    unit: z.preprocess(blank, z.string().trim().max(200, 'paling panjang 200 karakter').optional()),
    person: z.preprocess(blank, z.coerce.number().int().positive('harus id pegawai yang sah').optional()),
    status: z.preprocess(
      blank,
      z.enum(AGENDA_FILTERS, { error: 'pilih upcoming, today, overdue, done atau cancelled' }).optional(),
    ),
    from: optionalWibDate,
    to: optionalWibDate,
    page: z.preprocess(blank, z.coerce.number().int().min(1, 'minimal 1').max(10_000).default(1)),
    pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(100, 'paling banyak 100').default(20)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'tanggal awal sesudah tanggal akhir',
    path: ['from'],
  });
