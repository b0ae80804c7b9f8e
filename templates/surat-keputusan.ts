import { buildFieldSchema } from './build-field-schema';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  {
    name: 'menimbang',
    label: 'Menimbang',
    type: 'list',
    required: true,
    help: 'Setiap butir diawali “bahwa” dan diakhiri titik koma.',
  },
  {
    name: 'mengingat',
    label: 'Mengingat',
    type: 'list',
    required: true,
    help: 'Peraturan perundang-undangan yang menjadi dasar, dari yang tertinggi.',
  },
  { name: 'memperhatikan', label: 'Memperhatikan', type: 'list', required: false },
  {
    name: 'menetapkan',
    label: 'Menetapkan',
    type: 'text',
    required: false,
    help: 'Kosongkan untuk memakai judul keputusan.',
  },
  {
    name: 'diktum',
    label: 'Diktum',
    type: 'list',
    required: true,
    help: 'Satu butir per diktum; diberi label KESATU, KEDUA, dan seterusnya.',
  },
];

export const suratKeputusan: LetterTemplate = {
  kind: 'surat-keputusan',
  label: 'Surat Keputusan',
  description:
    'Naskah dinas berbentuk keputusan pejabat perangkat daerah untuk menetapkan kebijakan atau hal yang bersifat penetapan.',
  subject: { label: 'Tentang', help: 'Mis. Pembentukan Tim Pengelola Aplikasi e-Office.' },
  fields,
  schema: buildFieldSchema(fields),
  example: {
    menimbang: [
      'bahwa untuk mendukung penerapan Sistem Pemerintahan Berbasis Elektronik perlu dibentuk Tim Pengelola Aplikasi e-Office',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Kepala Dinas tentang Pembentukan Tim Pengelola Aplikasi e-Office',
    ],
    mengingat: [
      'Undang-Undang Nomor 53 Tahun 1999 tentang Pembentukan Kabupaten Pelalawan, Kabupaten Rokan Hulu, Kabupaten Rokan Hilir, Kabupaten Siak, Kabupaten Karimun, Kabupaten Natuna, Kabupaten Kuantan Singingi, dan Kota Batam',
      'Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik',
      'Peraturan Bupati Kuantan Singingi Nomor 17 Tahun 2019 tentang Pedoman Tata Naskah Dinas',
    ],
    diktum: [
      'Membentuk Tim Pengelola Aplikasi e-Office dengan susunan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.',
      'Tim sebagaimana dimaksud dalam Diktum KESATU bertugas mengelola, memelihara, dan mengembangkan aplikasi e-Office.',
      'Keputusan ini mulai berlaku pada tanggal ditetapkan.',
    ],
  },
};
