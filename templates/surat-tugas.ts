import { buildFieldSchema } from './build-field-schema';
import { checkFieldOrder } from './check-field-order';
import type { FieldMeta, LetterTemplate } from './letter-template';
import { PERSON_FIELDS } from './person-fields';

const fields: FieldMeta[] = [
  {
    name: 'menimbang',
    label: 'Menimbang',
    type: 'list',
    required: false,
    help: 'Pertimbangan penugasan, bila ada; setiap butir diawali “bahwa”.',
  },
  {
    name: 'dasar',
    label: 'Dasar',
    type: 'list',
    required: true,
    help: 'Peraturan, surat, atau DPA yang mendasari.',
  },
  {
    name: 'pegawai',
    label: 'Pegawai yang Ditugaskan',
    type: 'list-of-people',
    required: true,
    itemFields: PERSON_FIELDS,
  },
  { name: 'untuk', label: 'Untuk', type: 'list', required: true, help: 'Tugas yang harus dilaksanakan.' },
  { name: 'tanggalMulai', label: 'Tanggal Mulai', type: 'date', required: true },
  {
    name: 'tanggalSelesai',
    label: 'Tanggal Selesai',
    type: 'date',
    required: false,
    help: 'Kosongkan bila tugas hanya satu hari.',
  },
  { name: 'tempatTugas', label: 'Tempat Pelaksanaan', type: 'text', required: false },
];

export const suratTugas: LetterTemplate = {
  kind: 'surat-tugas',
  label: 'Surat Tugas',
  description:
    'Naskah dinas dari atasan kepada bawahan yang memuat perintah untuk melaksanakan tugas tertentu.',
  subject: {
    label: 'Hal',
    help: 'Ringkasan tugas untuk daftar naskah; tidak dicetak pada Surat Tugas.',
  },
  fields,
  schema: checkFieldOrder(buildFieldSchema(fields), {
    earlier: 'tanggalMulai',
    later: 'tanggalSelesai',
    strictly: false,
    message: 'Tanggal Selesai tidak boleh sebelum Tanggal Mulai.',
  }),
  example: {
    dasar: [
      'Peraturan Bupati Kuantan Singingi Nomor 17 Tahun 2019 tentang Pedoman Tata Naskah Dinas',
      'Dokumen Pelaksanaan Anggaran Dinas Komunikasi, Informatika, Statistik dan Persandian Tahun Anggaran 2026',
    ],
    pegawai: [
      {
        nama: 'Rahmad Hidayat, S.Kom.',
        nip: '198805122015031002',
        pangkat: 'Penata (III/c)',
        jabatan: 'Pranata Komputer Ahli Muda',
      },
      {
        nama: 'Nurul Aini, S.T.',
        nip: '199203042019032011',
        pangkat: 'Penata Muda Tingkat I (III/b)',
        jabatan: 'Pranata Komputer Ahli Pertama',
      },
    ],
    untuk: [
      'Melaksanakan pendampingan penerapan aplikasi e-Office pada perangkat daerah di Kecamatan Singingi Hilir',
      'Melaporkan hasil pelaksanaan tugas kepada Kepala Dinas',
    ],
    tanggalMulai: '2026-12-01',
    tanggalSelesai: '2026-12-03',
    tempatTugas: 'Kantor Camat Singingi Hilir',
  },
};
