import type { FieldMeta } from './letter-template';

/** "Yth. … di …": the addressee of a letter sent to one official (Surat Dinas, Surat Undangan). */
export const ADDRESSEE_FIELDS: FieldMeta[] = [
  {
    name: 'kepada',
    label: 'Kepada (Yth.)',
    type: 'text',
    required: true,
    help: 'Jabatan penerima tanpa “Yth.”, mis. Kepala Dinas Pendidikan Kabupaten Kuantan Singingi.',
  },
  {
    name: 'di',
    label: 'Di (tempat tujuan)',
    type: 'text',
    required: false,
    help: 'Kosongkan untuk menuliskan “Tempat”.',
  },
];
