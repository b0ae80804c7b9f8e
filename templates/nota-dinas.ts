import { buildFieldSchema } from './build-field-schema';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  {
    name: 'kepada',
    label: 'Kepada (Yth.)',
    type: 'text',
    required: true,
    help: 'Jabatan atasan atau pejabat yang dituju, tanpa “Yth.”.',
  },
  {
    name: 'dari',
    label: 'Dari',
    type: 'text',
    required: false,
    help: 'Kosongkan untuk memakai jabatan penandatangan.',
  },
  { name: 'isi', label: 'Isi Nota Dinas', type: 'richtext', required: true },
  {
    name: 'penutup',
    label: 'Paragraf Penutup',
    type: 'textarea',
    required: false,
    defaultValue: 'Demikian disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih.',
    help: 'Dicetak bersama blok tanda tangan, sehingga tidak terpisah halaman darinya.',
  },
];

export const notaDinas: LetterTemplate = {
  kind: 'nota-dinas',
  label: 'Nota Dinas',
  description:
    'Naskah dinas internal untuk menyampaikan laporan, pemberitahuan, pernyataan, permintaan, atau penyampaian kepada pejabat lain.',
  subject: { label: 'Hal', help: 'Mis. Laporan Pelaksanaan Kegiatan.' },
  fields,
  schema: buildFieldSchema(fields),
  example: {
    kepada: 'Sekretaris Daerah Kabupaten Kuantan Singingi',
    isi:
      '<p>Bersama ini kami laporkan bahwa uji coba aplikasi e-Office pada enam perangkat daerah telah selesai ' +
      'dilaksanakan pada tanggal 16 sampai dengan 20 November 2026 dengan hasil baik.</p>',
    penutup: 'Demikian disampaikan, mohon arahan Bapak lebih lanjut.',
  },
};
