import { buildFieldSchema } from './build-field-schema';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  {
    name: 'kepada',
    label: 'Kepada (Yth.)',
    type: 'list',
    required: true,
    help: 'Satu penerima per butir, tanpa “Yth.”.',
  },
  {
    name: 'di',
    label: 'Di (tempat tujuan)',
    type: 'text',
    required: false,
    help: 'Kosongkan untuk menuliskan “Tempat”.',
  },
  {
    name: 'isi',
    label: 'Isi Surat Edaran',
    type: 'richtext',
    required: true,
    help: 'Latar belakang, maksud dan tujuan, ruang lingkup, dasar, dan isi edaran.',
  },
  {
    name: 'penutup',
    label: 'Paragraf Penutup',
    type: 'textarea',
    required: false,
    defaultValue: 'Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.',
    help: 'Dicetak bersama blok tanda tangan, sehingga tidak terpisah halaman darinya.',
  },
];

export const suratEdaran: LetterTemplate = {
  kind: 'surat-edaran',
  label: 'Surat Edaran',
  description:
    'Naskah dinas yang memuat pemberitahuan tentang hal tertentu yang dianggap penting dan mendesak.',
  subject: { label: 'Tentang', help: 'Mis. Penggunaan Tanda Tangan Elektronik pada Naskah Dinas.' },
  fields,
  schema: buildFieldSchema(fields),
  example: {
    kepada: ['Kepala Perangkat Daerah', 'Camat se-Kabupaten Kuantan Singingi'],
    isi:
      '<p>Dalam rangka mewujudkan tata kelola naskah dinas yang efektif dan efisien, dengan ini diminta kepada ' +
      'Saudara untuk menggunakan aplikasi e-Office dalam pembuatan dan pengiriman naskah dinas mulai tanggal ' +
      '1 Januari 2027.</p>',
    penutup: 'Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.',
  },
};
