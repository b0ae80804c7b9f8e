import { buildFieldSchema } from './build-field-schema';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  { name: 'kepada', label: 'Kepada', type: 'text', required: true, help: 'Jabatan pejabat yang dituju.' },
  {
    name: 'dari',
    label: 'Dari',
    type: 'text',
    required: false,
    help: 'Kosongkan untuk memakai jabatan penandatangan.',
  },
  { name: 'isi', label: 'Isi Memo', type: 'richtext', required: true },
  {
    name: 'penutup',
    label: 'Paragraf Penutup',
    type: 'textarea',
    required: false,
    defaultValue: 'Demikian disampaikan untuk dilaksanakan.',
    help: 'Dicetak bersama blok tanda tangan, sehingga tidak terpisah halaman darinya.',
  },
];

export const memo: LetterTemplate = {
  kind: 'memo',
  label: 'Memo',
  description: 'Catatan singkat dari seorang pejabat kepada pejabat lain untuk menyampaikan pesan kedinasan.',
  subject: { label: 'Hal', help: 'Mis. Penyiapan Bahan Rapat.' },
  fields,
  schema: buildFieldSchema(fields),
  example: {
    kepada: 'Kepala Bidang Aplikasi Informatika',
    isi: '<p>Mohon disiapkan bahan paparan penerapan e-Office untuk rapat koordinasi tanggal 7 Desember 2026.</p>',
    penutup: 'Demikian disampaikan untuk dilaksanakan.',
  },
};
