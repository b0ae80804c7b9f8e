import { z } from 'zod';
import { ROLES } from '../rbac/roles';
import { blank } from '../validation/form-filters';

/** An empty form field means "not given". */
/** A form sends one checkbox as a string and several as an array. */
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const role = z.enum(ROLES, { message: `peran tidak dikenal; pilihan: ${ROLES.join(', ')}` });
const text = (max: number) => z.string().trim().max(max, `paling panjang ${max} karakter`);
const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.union([z.literal(''), z.email('alamat e-mail tidak valid').max(200, 'paling panjang 200 karakter')]),
);

export const userListQuery = z.object({
  q: z.preprocess(blank, text(100).optional()),
  opd: z.preprocess(blank, z.coerce.number().int().positive('harus id OPD yang sah').optional()),
  role: z.preprocess(blank, role.optional()),
  status: z.preprocess(blank, z.enum(['aktif', 'nonaktif'], { message: 'aktif atau nonaktif' }).optional()),
  source: z.preprocess(blank, z.enum(['local', 'smart'], { message: 'local atau smart' }).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1, 'minimal 1').default(1)),
  pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(100, 'paling banyak 100').default(25)),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const newUserInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z][a-z0-9._-]{2,63}$/,
      '3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf',
    ),
  name: text(200).min(1, 'wajib diisi'),
  nip: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{18}$/, 'NIP harus 18 angka')
      .optional(),
  ),
  position: text(200).default(''),
  unit: text(200).default(''),
  opdId: z.preprocess(blank, z.coerce.number().int().positive('pilih OPD').optional()),
  email: email.default(''),
  roles: z.preprocess(
    (v) => (v === undefined ? v : list(v)),
    z.array(role).min(1, 'pilih minimal satu peran').default(['asn']),
  ),
});
export type NewUserInput = z.infer<typeof newUserInput>;

export const userPatch = z.strictObject(
  {
    email: email.optional(),
    name: text(200).min(1, 'wajib diisi').optional(),
    position: text(200).optional(),
    unit: text(200).optional(),
  },
  { error: 'hanya email, name, position dan unit yang dapat diubah' },
);
export type UserPatch = z.infer<typeof userPatch>;

export const userRoles = z.object({
  roles: z.preprocess(list, z.array(role).min(1, 'pilih minimal satu peran')),
});
