import { z } from 'zod';

/** A form sends numbers as text: an empty field is missing, anything else must read as a number. */
const fromText = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v);
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    fromText,
    z
      .number({ error: (i) => (i.input === undefined ? 'wajib diisi' : 'harus berupa angka') })
      .int('harus bilangan bulat')
      .min(min, `minimal ${min}`)
      .max(max, `paling banyak ${max}`),
  );
const text = (max: number) =>
  z
    .string({ error: 'harus berupa teks' })
    .trim()
    .max(max, `paling panjang ${max} karakter`)
    .refine(
      (s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127),
      'tidak boleh memuat karakter kendali',
    );
const strictGroup = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (i) =>
      i.code === 'unrecognized_keys' ? `kolom tidak dikenal: ${i.keys.join(', ')}` : 'harus berupa objek',
  });

const HOSTNAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
/** `alamat@domain` or `Nama <alamat@domain>`. */
const SENDER = /^(?:[^<>@]*<\s*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;
const stepHours = wholeNumber(1, 720);
const leadHours = wholeNumber(0, 720);

function isHttpBase(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

const isRealDate = (d: string) => {
  const at = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === d;
};

export const holidayInput = z.object({
  date: z
    .string({ error: 'wajib diisi' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal: tttt-bb-hh')
    .refine(isRealDate, 'bukan tanggal yang ada'),
  name: text(100).min(1, 'nama hari libur wajib diisi'),
});

/**
 * A change of system settings (PUT /api/v1/admin/settings and the settings page): every part may be
 * left out, which keeps it. An empty or absent SMTP password keeps the stored one; `clearPassword`
 * removes it.
 */
export const settingsInput = strictGroup({
  instanceName: text(100).min(3, 'minimal 3 karakter').optional(),
  verificationBaseUrl: text(200)
    .refine(isHttpBase, 'harus alamat http:// atau https:// tanpa ?query atau #')
    .refine((s) => !s.endsWith('/'), 'tanpa garis miring (/) di akhir')
    .optional(),
  mail: strictGroup({
    host: text(253)
      .refine(
        (s) => s === '' || HOSTNAME.test(s) || IPV6.test(s),
        'nama host tidak sah, contoh: smtp.kuansing.go.id',
      )
      .optional(),
    port: wholeNumber(1, 65535).optional(),
    secure: z.boolean({ error: 'harus true atau false' }).optional(),
    user: text(200).optional(),
    password: z.string({ error: 'harus berupa teks' }).max(500, 'paling panjang 500 karakter').optional(),
    clearPassword: z.boolean({ error: 'harus true atau false' }).optional(),
    /** Shown by GET; ignored when sent back. */
    passwordSet: z.boolean().optional(),
    from: text(200)
      .refine((s) => SENDER.test(s), 'harus alamat e-mail, atau "Nama <alamat@domain>"')
      .optional(),
  }).optional(),
  stepHours: strictGroup({
    sangat_segera: stepHours.optional(),
    segera: stepHours.optional(),
    biasa: stepHours.optional(),
  }).optional(),
  reminderBeforeHours: strictGroup({
    sangat_segera: leadHours.optional(),
    segera: leadHours.optional(),
    biasa: leadHours.optional(),
  }).optional(),
  dispositionReminderBeforeHours: leadHours.optional(),
  workingDays: z
    .array(wholeNumber(1, 7), { error: 'harus daftar hari (1 = Senin … 7 = Minggu)' })
    .min(1, 'pilih minimal satu hari kerja')
    .refine((days) => new Set(days).size === days.length, 'hari yang sama dipilih dua kali')
    .optional(),
  holidays: z
    .array(holidayInput, { error: 'harus daftar {date, name}' })
    .max(1000, 'paling banyak 1000 hari libur')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const h of list) {
        if (seen.has(h.date))
          ctx.addIssue({ code: 'custom', message: `tanggal ${h.date} tercantum dua kali` });
        seen.add(h.date);
      }
    })
    .optional(),
});
export type SettingsInput = z.infer<typeof settingsInput>;
