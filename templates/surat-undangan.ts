import { ADDRESSEE_FIELDS } from './addressee-fields';
import { buildFieldSchema } from './build-field-schema';
import { checkFieldOrder } from './check-field-order';
import type { FieldMeta, LetterTemplate } from './letter-template';

const fields: FieldMeta[] = [
  ...ADDRESSEE_FIELDS,
  {
    name: 'pembuka',
    label: 'Paragraf Pembuka',
    type: 'textarea',
    required: true,
    defaultValue:
      'Dengan hormat, bersama ini kami mengundang Saudara untuk menghadiri kegiatan yang akan dilaksanakan pada:',
  },
  { name: 'tanggalAcara', label: 'Hari/Tanggal', type: 'date', required: true },
  { name: 'waktuMulai', label: 'Pukul Mulai', type: 'time', required: true },
  {
    name: 'waktuSelesai',
    label: 'Pukul Selesai',
    type: 'time',
    required: false,
    help: 'Kosongkan bila acara berlangsung sampai selesai.',
  },
  {
    name: 'tempat',
    label: 'Tempat',
    type: 'text',
    required: true,
    help: 'Mis. Aula Kantor Bupati Kuantan Singingi.',
  },
  { name: 'acara', label: 'Acara', type: 'textarea', required: true },
  {
    name: 'penutup',
    label: 'Paragraf Penutup',
    type: 'textarea',
    required: true,
    defaultValue:
      'Mengingat pentingnya acara tersebut, diharapkan kehadiran Saudara tepat pada waktunya. Atas perhatian dan kehadiran Saudara diucapkan terima kasih.',
  },
];

export const suratUndangan: LetterTemplate = {
  kind: 'surat-undangan',
  label: 'Surat Undangan',
  description:
    'Surat dinas untuk mengundang pejabat atau pegawai menghadiri rapat, acara, atau kegiatan kedinasan.',
  subject: { label: 'Hal', help: 'Mis. Undangan Rapat Koordinasi.' },
  fields,
  schema: checkFieldOrder(buildFieldSchema(fields), {
    earlier: 'waktuMulai',
    later: 'waktuSelesai',
    strictly: true,
    message: 'Pukul Selesai harus sesudah Pukul Mulai.',
  }),
  example: {
    kepada: 'Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Kuantan Singingi',
    di: 'Teluk Kuantan',
    pembuka:
      'Dalam rangka penerapan aplikasi e-Office di lingkungan Pemerintah Kabupaten Kuantan Singingi, bersama ini kami mengundang Saudara untuk menghadiri rapat koordinasi yang akan dilaksanakan pada:',
    tanggalAcara: '2026-12-07',
    waktuMulai: '09:00',
    tempat: 'Aula Dinas Komunikasi, Informatika, Statistik dan Persandian',
    acara: 'Rapat Koordinasi Penerapan Aplikasi e-Office dan Tanda Tangan Elektronik',
    penutup:
      'Mengingat pentingnya acara tersebut, diharapkan kehadiran Saudara tepat pada waktunya. Atas perhatian dan kehadiran Saudara diucapkan terima kasih.',
  },
};
