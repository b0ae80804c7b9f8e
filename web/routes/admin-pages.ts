import { requireAuth, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { rolesOnly } from '../../lib/rbac/policy';
import type { Role } from '../../lib/rbac/roles';

interface AdminSection {
  title: string;
  description: string;
  href: string;
  icon: string;
  roles: Role[];
}

/** The administration pages that exist, each for the roles that may open it. */
const SECTIONS: AdminSection[] = [
  {
    title: 'Pengguna',
    description: 'Cari pegawai, atur peran, setel ulang kata sandi, nonaktifkan akun.',
    href: '/admin/pengguna',
    icon: 'people',
    roles: ['superadmin', 'admin_opd'],
  },
  {
    title: 'Perangkat Daerah',
    description: 'Data kop surat dan logo, pola nomor per jenis naskah, buku agenda.',
    href: '/admin/opd',
    icon: 'building',
    roles: ['superadmin', 'admin_opd'],
  },
  {
    title: 'Penandatangan dan Sertifikat',
    description: 'Siapa memegang sertifikat aktif, yang segera kedaluwarsa; terbitkan, perpanjang, cabut.',
    href: '/admin/penandatangan',
    icon: 'award',
    roles: ['superadmin', 'admin_opd'],
  },
  {
    title: 'Pelaksana Tugas (Plt/Plh)',
    description:
      'Tunjuk pejabat Plt. atau Plh. untuk suatu masa; tugas dan tanda tangan dialihkan kepadanya.',
    href: '/delegasi',
    icon: 'person-badge',
    roles: ['superadmin', 'admin_opd'],
  },
  {
    title: 'Pengaturan Sistem',
    description: 'Nama instansi, alamat verifikasi, SMTP, tenggat dan pengingat, hari kerja dan hari libur.',
    href: '/admin/pengaturan',
    icon: 'sliders',
    roles: ['superadmin'],
  },
  {
    title: 'Sinkronisasi Data Pegawai (SMART)',
    description: 'Tarik data ASN dari SMART atau unggah berkas ekspor CSV/XLSX, lalu lihat hasilnya.',
    href: '/admin/smart',
    icon: 'arrow-repeat',
    roles: ['superadmin'],
  },
  {
    title: 'Jejak Audit',
    description: 'Setiap perubahan: siapa, apa, kapan; periksa keutuhan rantai audit.',
    href: '/admin/audit',
    icon: 'shield-check',
    roles: ['superadmin', 'admin_opd'],
  },
  {
    title: 'Arsip dan Buku Agenda',
    description: 'Cari surat keluar dan masuk, ekspor buku agenda (CSV/XLSX), statistik per bulan.',
    href: '/arsip',
    icon: 'archive',
    roles: ['superadmin', 'admin_opd'],
  },
];

/** "Administrasi": the entry to the pages of the superadmin and the bagian umum. */
export function adminPages({ pages }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/admin',
      access: rolesOnly('superadmin', 'admin_opd'),
      summary: 'Administration: the sections the caller may open.',
      handler: (ctx) => {
        const { actor } = requireAuth(ctx);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'admin-hub', {
          title: 'Administrasi',
          sections: SECTIONS.filter((s) => s.roles.some((r) => actor.roles.includes(r))),
        });
      },
    },
  ];
}
