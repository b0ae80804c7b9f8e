import { ADDRESSEE_FIELDS } from './addressee-fields';
import { buildFieldSchema } from './build-field-schema';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  ...ADDRESSEE_FIELDS,
  {
    name: 'isi',
    label: 'Isi Surat',
    type: 'richtext',
    required: true,
    help: 'Paragraf pembuka, isi, dan penutup surat.',
  },
  {
    name: 'penutup',
    label: 'Paragraf Penutup',
    type: 'textarea',
    required: false,
    defaultValue: 'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
    help: 'Dicetak bersama blok tanda tangan, sehingga tidak terpisah halaman darinya.',
  },
];

export const suratDinas: LetterTemplate = {
  kind: 'surat-dinas',
  label: 'Surat Dinas',
  description:
    'Naskah dinas untuk menyampaikan pemberitahuan, permintaan, atau urusan kedinasan lain kepada pejabat atau perangkat daerah lain.',
  subject: { label: 'Hal', help: 'Pokok isi surat secara singkat, mis. Permintaan Data Kepegawaian.' },
  fields,
  schema: buildFieldSchema(fields),
  example: {
    kepada: 'Kepala Dinas Pendidikan Kabupaten Kuantan Singingi',
    di: 'Teluk Kuantan',
    isi:
      '<p>Dalam rangka pemutakhiran data kepegawaian pada aplikasi e-Office Pemerintah Kabupaten Kuantan Singingi, ' +
      'bersama ini kami mohon Saudara menyampaikan data pejabat dan pegawai di lingkungan Dinas Pendidikan ' +
      'paling lambat tanggal 15 Desember 2026.</p>',
    penutup: 'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
  },
};
