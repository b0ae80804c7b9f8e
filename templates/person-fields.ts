import type { FieldMeta } from './letter-template';

/** The columns of a person in a `list-of-people` field (e.g. the staff a Surat Tugas assigns). */
export const PERSON_FIELDS: FieldMeta[] = [
  { name: 'nama', label: 'Nama', type: 'text', required: true, help: 'Nama lengkap dengan gelar.' },
  {
    name: 'nip',
    label: 'NIP',
    type: 'text',
    required: false,
    help: '18 angka tanpa spasi; kosongkan bila tidak ada (mis. tenaga non-ASN).',
    pattern: { source: '\\d{18}', message: 'NIP harus terdiri atas 18 angka.' },
  },
  {
    name: 'pangkat',
    label: 'Pangkat/Golongan',
    type: 'text',
    required: false,
    help: 'Mis. Penata Muda (III/a).',
  },
  { name: 'jabatan', label: 'Jabatan', type: 'text', required: true },
];
