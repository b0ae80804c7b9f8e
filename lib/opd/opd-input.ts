import { z } from 'zod';
import { templateKinds } from '../../templates';
import { blank } from '../validation/form-filters';

/** Empty form fields arrive as '': they mean "not given". */
const required = (min: number, max: number) =>
  z
    .string({ error: 'wajib diisi' })
    .trim()
    .min(min, `paling sedikit ${min} karakter`)
    .max(max, `paling panjang ${max} karakter`);
/** Optional kop lines: empty, or text within the limit that passes the rule. */
const line = (max: number, valid: (v: string) => boolean = () => true, message = '') =>
  z
    .string({ error: 'harus berupa teks' })
    .trim()
    .max(max, `paling panjang ${max} karakter`)
    .refine((v) => v === '' || valid(v), message);

const WEBSITE =
  /^(https?:\/\/)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s<>"]*)?$/i;

/** The kop surat lines of an OPD: what its letters, lembar disposisi and the directory show. */
const kop = {
  name: required(3, 200),
  shortName: required(2, 64),
  address: line(300),
  phone: line(
    64,
    (v) => /^[0-9+()\-.\s]{5,}$/.test(v),
    'hanya angka, spasi dan tanda + - ( ) ., paling sedikit 5 karakter',
  ),
  email: line(200, (v) => z.email().safeParse(v).success, 'alamat e-mail tidak valid'),
  website: line(200, (v) => WEBSITE.test(v), 'harus alamat laman, mis. diskominfo.kuansing.go.id'),
};
const profileFields = {
  ...kop,
  address: kop.address.default(''),
  phone: kop.phone.default(''),
  email: kop.email.default(''),
  website: kop.website.default(''),
};

/** POST /api/v1/admin/opd and the "Tambah OPD" form (superadmin). */
export const newOpdInput = z.object({
  code: z
    .string({ error: 'wajib diisi' })
    .trim()
    .min(2, 'paling sedikit 2 karakter')
    .max(32, 'paling panjang 32 karakter')
    .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'hanya huruf kapital, angka dan tanda hubung (mis. DISKOMINFO)'),
  ...profileFields,
});
export type NewOpdInput = z.infer<typeof newOpdInput>;

/** The kop surat form: every field, as the page sends them. */
export const opdProfileInput = z.object(profileFields);
export type OpdProfileInput = z.infer<typeof opdProfileInput>;

/**
 * PATCH /api/v1/admin/opd/:id: any of the kop fields, and `active` (superadmin only). The code is not
 * in it: numbers already issued carry it, so it stays as created.
 */
export const opdPatchInput = z
  .strictObject(
    {
      name: kop.name.optional(),
      shortName: kop.shortName.optional(),
      address: kop.address.optional(),
      phone: kop.phone.optional(),
      email: kop.email.optional(),
      website: kop.website.optional(),
      active: z.boolean({ error: 'harus true atau false' }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? 'kolom tidak dikenal atau tidak dapat diubah' : undefined,
    },
  )
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'tidak ada yang diubah');
export type OpdPatchInput = z.infer<typeof opdPatchInput>;

const pattern = z
  .string({ error: 'wajib diisi' })
  .trim()
  .min(1, 'wajib diisi')
  .max(100, 'paling panjang 100 karakter');

/** PUT /api/v1/admin/opd/:id/number-patterns: the default, and a pattern (or null: the default) per kind. */
export const numberPatternsInput = z.object({
  default: pattern,
  byKind: z
    .partialRecord(
      z.enum(templateKinds, { error: 'jenis naskah tidak dikenal' }),
      z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), pattern.nullable()),
    )
    .default({}),
});
export type NumberPatternsInput = z.infer<typeof numberPatternsInput>;

/** PUT /api/v1/admin/opd/:id/agenda-pattern. */
export const agendaPatternInput = z.object({ pattern });

/** PUT /api/v1/admin/opd/:id/head: one of the OPD's active people, or null for none. */
export const opdHeadInput = z.object({
  userId: z.preprocess(blank, z.coerce.number().int().positive('harus id pegawai').nullable().default(null)),
});

/** GET /api/v1/admin/opd and /admin/opd. */
export const opdListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100, 'paling panjang 100 karakter').optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1, 'minimal 1').default(1)),
});
