import type { Role } from '../lib/rbac/roles';
import type { TaskKind } from '../lib/tasks/task-queries';

interface NavItem {
  label: string;
  href: string;
  icon: string;
  /** Empty: everyone who is logged in. */
  roles: Role[];
  counter?: TaskKind;
}

const ITEMS: NavItem[] = [
  { label: 'Beranda', href: '/', icon: 'house', roles: [] },
  { label: 'Buat Surat', href: '/surat/baru', icon: 'file-earmark-plus', roles: ['asn'] },
  { label: 'Surat Saya', href: '/surat', icon: 'envelope-paper', roles: [] },
  {
    label: 'Perlu Diverifikasi',
    href: '/tugas/verify',
    icon: 'check2-square',
    roles: ['verifikator'],
    counter: 'verify',
  },
  { label: 'Penomoran', href: '/tugas/number', icon: '123', roles: ['admin_opd'], counter: 'number' },
  {
    label: 'Perlu Ditandatangani',
    href: '/tugas/sign',
    icon: 'pen',
    roles: ['penandatangan'],
    counter: 'sign',
  },
  { label: 'Surat Masuk', href: '/surat-masuk', icon: 'inbox', roles: [] },
  {
    label: 'Surat Masuk Baru',
    href: '/tugas/incoming',
    icon: 'journal-plus',
    roles: ['admin_opd'],
    counter: 'incoming',
  },
  { label: 'Disposisi', href: '/tugas/disposition', icon: 'diagram-3', roles: [], counter: 'disposition' },
  { label: 'Agenda', href: '/agenda', icon: 'calendar-event', roles: [] },
  { label: 'Arsip', href: '/arsip', icon: 'archive', roles: [] },
  { label: 'Pegawai', href: '/pegawai', icon: 'people', roles: [] },
  { label: 'Sertifikat', href: '/sertifikat', icon: 'award', roles: ['penandatangan'] },
  {
    label: 'Plt/Plh',
    href: '/delegasi',
    icon: 'person-badge',
    roles: ['verifikator', 'penandatangan', 'admin_opd'],
  },
  { label: 'Administrasi', href: '/admin', icon: 'gear', roles: ['superadmin', 'admin_opd'] },
];

/** The menu for someone holding these roles; a superadmin sees everything. */
export function navigationFor(roles: readonly Role[], currentPath: string) {
  const isSuper = roles.includes('superadmin');
  return ITEMS.filter((i) => i.roles.length === 0 || isSuper || i.roles.some((r) => roles.includes(r))).map(
    (i) => ({ ...i, active: i.href === currentPath }),
  );
}

export function visibleTaskKinds(roles: readonly Role[]): TaskKind[] {
  return navigationFor(roles, '')
    .map((i) => i.counter)
    .filter((c): c is TaskKind => c !== undefined);
}
