import type { Role } from '../rbac/roles';

/** The demo regency: real-style agencies of Kabupaten Kuantan Singingi with invented staff. */
export interface DemoOpd {
  code: string;
  name: string;
  shortName: string;
  /** The head's title differs per kind of agency (Kepala Dinas, Kepala Badan, Sekretaris Daerah). */
  headTitle: string;
  secretaryTitle: string;
  divisions: [string, string];
  address: string;
  phone: string;
}

export const DEMO_OPDS: DemoOpd[] = [
  {
    code: 'SETDA',
    name: 'Sekretariat Daerah',
    shortName: 'Setda',
    headTitle: 'Sekretaris Daerah',
    secretaryTitle: 'Asisten Administrasi Umum',
    divisions: ['Bagian Tata Pemerintahan', 'Bagian Organisasi'],
    address: 'Jl. Perintis Kemerdekaan No. 1, Teluk Kuantan',
    phone: '(0760) 561001',
  },
  {
    code: 'DISKOMINFO',
    name: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
    shortName: 'Diskominfo',
    headTitle: 'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
    secretaryTitle: 'Sekretaris Dinas',
    divisions: ['Bidang Aplikasi Informatika', 'Bidang Persandian dan Statistik'],
    address: 'Jl. Proklamasi No. 12, Teluk Kuantan',
    phone: '(0760) 561234',
  },
  {
    code: 'DISDIK',
    name: 'Dinas Pendidikan',
    shortName: 'Disdik',
    headTitle: 'Kepala Dinas Pendidikan',
    secretaryTitle: 'Sekretaris Dinas',
    divisions: ['Bidang Pembinaan Sekolah Dasar', 'Bidang Pembinaan SMP'],
    address: 'Jl. Ahmad Yani No. 45, Teluk Kuantan',
    phone: '(0760) 561402',
  },
  {
    code: 'DINKES',
    name: 'Dinas Kesehatan',
    shortName: 'Dinkes',
    headTitle: 'Kepala Dinas Kesehatan',
    secretaryTitle: 'Sekretaris Dinas',
    divisions: ['Bidang Pelayanan Kesehatan', 'Bidang Pencegahan dan Pengendalian Penyakit'],
    address: 'Jl. Jenderal Sudirman No. 30, Teluk Kuantan',
    phone: '(0760) 561517',
  },
  {
    code: 'BAPPEDA',
    name: 'Badan Perencanaan Pembangunan Daerah',
    shortName: 'Bappeda',
    headTitle: 'Kepala Badan Perencanaan Pembangunan Daerah',
    secretaryTitle: 'Sekretaris Badan',
    divisions: ['Bidang Perencanaan Ekonomi', 'Bidang Infrastruktur dan Kewilayahan'],
    address: 'Jl. Pahlawan No. 8, Teluk Kuantan',
    phone: '(0760) 561620',
  },
  {
    code: 'BPKAD',
    name: 'Badan Pengelolaan Keuangan dan Aset Daerah',
    shortName: 'BPKAD',
    headTitle: 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah',
    secretaryTitle: 'Sekretaris Badan',
    divisions: ['Bidang Anggaran', 'Bidang Aset'],
    address: 'Jl. Pahlawan No. 10, Teluk Kuantan',
    phone: '(0760) 561733',
  },
];

/** Names, each with the gender digit a NIP carries (1 man, 2 woman). Eight per OPD, in OPD order. */
export const DEMO_NAMES: [string, 1 | 2][] = [
  ['H. Syahrul Amri, S.H., M.Si.', 1],
  ['Dra. Nurhayati Lubis, M.Si.', 2],
  ['Fadli Rahman, S.Sos.', 1],
  ['Yusrizal, S.E., M.M.', 1],
  ['Rina Marlina, S.AP.', 2],
  ['Andi Saputra, S.Kom.', 1],
  ['Siti Aisyah, A.Md.', 2],
  ['Rahmad Hidayat', 1],
  ['Ir. Azwar Anas, M.T.', 1],
  ['Hj. Elvi Susanti, S.E., M.Si.', 2],
  ['Dedi Kurniawan, S.IP.', 1],
  ['Muhammad Ikhsan, S.Kom., M.Kom.', 1],
  ['Novita Sari, S.ST.', 2],
  ['Rizki Pratama, S.T.', 1],
  ['Putri Wulandari, S.Kom.', 2],
  ['Hendra Gunawan, A.Md.Kom.', 1],
  ['Drs. Zulkifli, M.Pd.', 1],
  ['Dra. Erniwati, M.Pd.', 2],
  ['Budi Santoso, S.Pd.', 1],
  ['Desi Ratnasari, S.Pd., M.Pd.', 2],
  ['Ahmad Fauzi, S.Pd.I.', 1],
  ['Lestari Handayani, S.Pd.', 2],
  ['Irwan Syahputra, S.E.', 1],
  ['Yuliana, S.Sos.', 2],
  ['dr. Fahrul Rozi, M.Kes.', 1],
  ['Ns. Suryani, S.Kep., M.Kes.', 2],
  ['Arif Budiman, S.KM.', 1],
  ['dr. Maya Angraini, M.K.M.', 2],
  ['Eko Prasetyo, S.KM., M.Kes.', 1],
  ['Fitri Yanti, A.Md.Keb.', 2],
  ['Ridwan Hakim, S.Farm., Apt.', 1],
  ['Sri Wahyuni, S.Gz.', 2],
  ['Dr. Hendri Yusuf, S.E., M.Si.', 1],
  ['Marlina Hasibuan, S.T., M.T.', 2],
  ['Agus Salim, S.E.', 1],
  ['Taufik Hidayat, S.T., M.Eng.', 1],
  ['Yenni Febrianti, S.E., M.Ec.Dev.', 2],
  ['Fajar Ramadhan, S.PWK.', 1],
  ['Indah Permatasari, S.E.', 2],
  ['Joni Iskandar', 1],
  ['Drs. Asrul Sani, M.Ak.', 1],
  ['Hj. Rosmiati, S.E., Ak.', 2],
  ['Wahyu Hidayat, S.E.', 1],
  ['Nofrizal, S.E., M.Ak.', 1],
  ['Dewi Kartika, S.Ak.', 2],
  ['Reza Firmansyah, S.E.', 1],
  ['Melati Puspita, A.Md.Ak.', 2],
  ['Syafrizal', 1],
];

export interface DemoPerson {
  key: string;
  username: string;
  position: (opd: DemoOpd) => string;
  unit: (opd: DemoOpd) => string;
  roles: Role[];
  /** Key of the superior within the same OPD; the heads report to the Sekretaris Daerah. */
  superior: string | null;
}

export const DEMO_STAFF: DemoPerson[] = [
  {
    key: 'kepala',
    username: 'kepala',
    position: (o) => o.headTitle,
    unit: () => '',
    roles: ['penandatangan', 'asn'],
    superior: null,
  },
  {
    key: 'sekretaris',
    username: 'sekretaris',
    position: (o) => o.secretaryTitle,
    unit: (o) => (o.code === 'SETDA' ? 'Asisten Administrasi Umum' : 'Sekretariat'),
    roles: ['asn'],
    superior: 'kepala',
  },
  {
    key: 'admin',
    username: 'admin',
    position: () => 'Kepala Subbagian Umum dan Kepegawaian',
    unit: (o) => (o.code === 'SETDA' ? 'Bagian Umum' : 'Sekretariat'),
    roles: ['admin_opd', 'asn'],
    superior: 'sekretaris',
  },
  {
    key: 'verifikator1',
    username: 'verifikator1',
    position: (o) => `Kepala ${o.divisions[0]}`,
    unit: (o) => o.divisions[0],
    roles: ['verifikator', 'asn'],
    superior: 'kepala',
  },
  {
    key: 'verifikator2',
    username: 'verifikator2',
    position: (o) => `Kepala ${o.divisions[1]}`,
    unit: (o) => o.divisions[1],
    roles: ['verifikator', 'asn'],
    superior: 'kepala',
  },
  {
    key: 'staf1',
    username: 'staf1',
    position: () => 'Analis Kebijakan Ahli Pertama',
    unit: (o) => o.divisions[0],
    roles: ['asn'],
    superior: 'verifikator1',
  },
  {
    key: 'staf2',
    username: 'staf2',
    position: () => 'Pranata Komputer Ahli Pertama',
    unit: (o) => o.divisions[1],
    roles: ['asn'],
    superior: 'verifikator2',
  },
  {
    key: 'staf3',
    username: 'staf3',
    position: () => 'Pengadministrasi Perkantoran',
    unit: () => 'Sekretariat',
    roles: ['asn'],
    superior: 'admin',
  },
];

/**
 * A plausible 18-digit NIP: birth date (8), appointment year and month (6), gender (1), sequence (3).
 * Deterministic, so seeding twice yields the same people.
 */
export function demoNip(index: number, gender: 1 | 2): string {
  const birthYear = 1968 + ((index * 7) % 27);
  const month = 1 + ((index * 5) % 12);
  const day = 1 + ((index * 11) % 28);
  const appointed = birthYear + 24 + (index % 5);
  const appointedMonth = [1, 3, 4, 12][index % 4];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${birthYear}${pad(month, 2)}${pad(day, 2)}${appointed}${pad(appointedMonth, 2)}${gender}${pad(1 + (index % 9), 3)}`;
}
