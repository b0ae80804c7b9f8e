import { z } from 'zod';
import { templateKinds, type TemplateKind } from '../../templates';
import { parseIsoDate } from './parse-iso-date';

/** Everything a letter's PDF shows: the kind's own fields plus what every naskah dinas carries. */
export interface LetterRenderInput {
  kind: TemplateKind;
  /** The kind's fields, checked against its schema; rich text must already be sanitised. */
  fields: unknown;
  opd: { name: string; address: string; phone: string; email: string; website: string };
  /** Replaces the placeholder emblem of the kop surat (data:image/png|jpeg|svg+xml;base64,…). */
  logoDataUrl?: string;
  /** Null until the bagian umum numbers the letter: "……" is printed. */
  number?: string | null;
  /** yyyy-mm-dd; null until numbered. */
  date?: string | null;
  /** Defaults to Teluk Kuantan, the regency's capital. */
  place?: string;
  sifat: string;
  lampiran?: string;
  subject: string;
  signer: {
    position: string;
    name: string;
    nip: string | null;
    rank?: string;
    actingPrefix?: 'Plt.' | 'Plh.' | null;
  };
  tembusan: string[];
  /** A draft carries the KONSEP stamp on every page and no QR code. */
  draft: boolean;
  /** Set for the signed layout: the signature block links to, and its QR code encodes, verifyUrl. */
  signature: { verifyUrl: string } | null;
}

const requiredText = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .max(1000);
const optionalText = z.string().trim().max(1000).optional();

export const letterRenderInputSchema = z
  .object({
    kind: z.enum(templateKinds, { error: 'Jenis naskah tidak dikenal.' }),
    fields: z.unknown(),
    opd: z.object({
      name: requiredText('Nama perangkat daerah'),
      address: z.string().trim().max(1000),
      phone: z.string().trim().max(100),
      email: z.string().trim().max(200),
      website: z.string().trim().max(200),
    }),
    logoDataUrl: z
      .string()
      .regex(
        /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/,
        'Logo harus berupa data URL gambar.',
      )
      .optional(),
    number: z.string().trim().min(1).max(100).nullish(),
    date: z
      .string()
      .refine((v) => parseIsoDate(v) !== null, 'Tanggal naskah harus berupa tanggal yang valid.')
      .nullish(),
    place: requiredText('Tempat penetapan').default('Teluk Kuantan'),
    sifat: requiredText('Sifat'),
    lampiran: optionalText,
    subject: requiredText('Hal'),
    signer: z.object({
      position: requiredText('Jabatan penandatangan'),
      name: requiredText('Nama penandatangan'),
      nip: z.string().trim().max(30).nullable(),
      rank: optionalText,
      actingPrefix: z.enum(['Plt.', 'Plh.']).nullish(),
    }),
    tembusan: z.array(requiredText('Tembusan')).max(50),
    draft: z.boolean(),
    signature: z
      .object({
        verifyUrl: z.url({ protocol: /^https?$/, error: 'Alamat verifikasi harus berupa URL http(s).' }),
      })
      .nullable(),
  })
  .superRefine((letter, ctx) => {
    if (!letter.signature) return;
    if (letter.draft) {
      ctx.addIssue({
        code: 'custom',
        path: ['signature'],
        message: 'Konsep tidak dapat memuat tanda tangan elektronik.',
      });
    }
    if (!letter.number || !letter.date) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: 'Nomor dan tanggal naskah wajib ada sebelum naskah ditandatangani.',
      });
    }
  });
