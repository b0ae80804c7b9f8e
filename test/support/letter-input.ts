import type { LetterRenderInput } from '../../lib/documents/letter-render-input';
import { TEMPLATES, type TemplateKind } from '../../templates';

export const SAMPLE_OPD_NAME = 'Dinas Komunikasi, Informatika, Statistik dan Persandian';
export const SAMPLE_SIGNER_NAME = 'Drs. H. Azwar Anas, M.Si.';

/** A complete, valid letter of the given kind (its template's example fields), signed layout. */
export function sampleLetter(
  kind: TemplateKind,
  verifyUrl: string,
  overrides: Partial<LetterRenderInput> = {},
): LetterRenderInput {
  return {
    kind,
    fields: TEMPLATES[kind].example,
    opd: {
      name: SAMPLE_OPD_NAME,
      address: 'Jl. Proklamasi No. 12, Teluk Kuantan',
      phone: '(0760) 561234',
      email: 'diskominfo@kuansing.go.id',
      website: 'diskominfo.kuansing.go.id',
    },
    number: '000.1.2/27/DISKOMINFO/2026',
    date: '2026-11-28',
    sifat: 'Penting',
    lampiran: '1 (satu) berkas',
    subject: 'Rapat Koordinasi Penerapan e-Office',
    signer: {
      position: 'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
      name: SAMPLE_SIGNER_NAME,
      nip: '197005121995031002',
      rank: 'Pembina Utama Muda (IV/c)',
    },
    tembusan: [
      'Bupati Kuantan Singingi (sebagai laporan)',
      'Yth. Sekretaris Daerah Kabupaten Kuantan Singingi',
    ],
    draft: false,
    signature: { verifyUrl },
    ...overrides,
  };
}
