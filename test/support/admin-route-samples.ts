import { paperMeta, tinyPdf } from './incoming-api';

/**
 * Seeded records the samples point at: all of DISKOMINFO, so admin.disdik is the other OPD's admin.
 * `user` holds staf3.diskominfo, sekretaris.diskominfo and kepala.diskominfo.
 */
export interface SampleIds {
  /** OPD ids by code. */
  opd: Record<string, number>;
  /** User ids by username. */
  user: Record<string, number>;
  /** An outgoing letter of DISKOMINFO waiting for its number. */
  letterId: number;
  /** A paper letter received by DISKOMINFO, not yet registered. */
  incomingId: number;
  /** A staff sync run. */
  runId: number;
}

/**
 * Whose data an admin route touches, which decides what an admin_opd of another OPD must get:
 * - 'opd': DISKOMINFO's (a letter, a person, the OPD itself, or a listing filtered to it): 403 or 404,
 *   and nothing changes;
 * - 'own': the caller's own OPD (e.g. registering a paper letter for it): ordinary use, so only its
 *   reads are asked, and they must not show DISKOMINFO's people;
 * - 'regency': no single OPD's (the superadmin's tools): asked, and shown in the matrix.
 */
export type SampleScope = 'opd' | 'own' | 'regency';

export interface AdminRouteSample {
  scope: SampleScope;
  /** Values for the path's `:params`. */
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  /** JSON for /api routes, form fields for pages (the test adds `_csrf`). */
  body?: Record<string, unknown>;
  /** Sent as multipart, with `body` as its other fields. */
  file?: { field: string; bytes: Buffer; name: string };
  /**
   * Why the handler refuses a superadmin (403) by a rule of the domain although the route's access
   * lets them in; the matrix then expects that 403. Every such exception is named here, with its reason.
   */
  superadminRefused?: string;
}

const staff3 = (ids: SampleIds) => ({ id: ids.user['staf3.diskominfo'] });
const diskominfo = (ids: SampleIds) => ({ id: ids.opd.DISKOMINFO });
const newUser = (ids: SampleIds, username: string, roles: string | string[]) => ({
  username,
  name: 'Uji Matriks Otorisasi',
  opdId: ids.opd.DISKOMINFO,
  roles,
});
const newOpd = (code: string) => ({ code, name: `Dinas Uji ${code}`, shortName: code });
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Used where the record does not exist: the route must still let a superadmin through (to its 404). */
const MISSING_ID = 999_999;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const staffCsv = () =>
  Buffer.from(
    'nip,nama,jabatan,kode_opd,unit_kerja,nip_atasan,golongan,aktif\n' +
      '199001012015011001,Uji Matriks,Pranata Komputer,DISKOMINFO,Bidang Aplikasi,,Penata (III/c),true\n',
  );

/**
 * The path parameters, query and body of every admin route, keyed "METHOD path" as the route table
 * declares it. test/integration/admin-authorization.test.ts fails, naming the route, when an admin route
 * has no entry here: a new admin route gets its authorization checked by being added.
 */
export const ADMIN_ROUTE_SAMPLES: Record<string, (ids: SampleIds) => AdminRouteSample> = {
  // Certificates (superadmin).
  'POST /api/v1/certificates/:id/revoke': () => ({
    scope: 'regency',
    params: { id: MISSING_ID },
    body: { reason: 'keyCompromise' },
  }),
  'GET /sertifikat/:id/cabut': () => ({ scope: 'regency', params: { id: MISSING_ID } }),
  'POST /sertifikat/:id/cabut': () => ({
    scope: 'regency',
    params: { id: MISSING_ID },
    body: { reason: 'Uji matriks otorisasi' },
  }),

  // Numbering an outgoing letter (the bagian umum of the drafter's OPD).
  'GET /api/v1/letters/:id/number-suggestion': (ids) => ({ scope: 'opd', params: { id: ids.letterId } }),
  'POST /api/v1/letters/:id/number': (ids) => ({
    scope: 'opd',
    params: { id: ids.letterId },
    body: { number: `000.1.2/1/DISKOMINFO/${today().slice(0, 4)}`, date: today() },
  }),
  'POST /surat/:id/nomor': (ids) => ({
    scope: 'opd',
    params: { id: ids.letterId },
    body: { number: `000.1.2/1/DISKOMINFO/${today().slice(0, 4)}`, date: today() },
  }),

  // Incoming letters (the bagian umum of the receiving OPD).
  'POST /api/v1/incoming': () => ({
    scope: 'own',
    superadminRefused: 'only the bagian umum of an OPD registers its paper letters',
    body: paperMeta(),
    file: { field: 'scan', bytes: tinyPdf('matriks-api'), name: 'surat.pdf' },
  }),
  'GET /surat-masuk/baru': () => ({ scope: 'own' }),
  'POST /surat-masuk/baru': () => ({
    scope: 'own',
    superadminRefused: 'only the bagian umum of an OPD registers its paper letters',
    body: paperMeta(),
    file: { field: 'scan', bytes: tinyPdf('matriks-halaman'), name: 'surat.pdf' },
  }),
  'POST /api/v1/incoming/:id/register': (ids) => ({ scope: 'opd', params: { id: ids.incomingId }, body: {} }),
  'POST /surat-masuk/:id/registrasi': (ids) => ({ scope: 'opd', params: { id: ids.incomingId }, body: {} }),
  'POST /surat-masuk/:id/disposisi': (ids) => ({
    scope: 'opd',
    params: { id: ids.incomingId },
    body: { toUserIds: ids.user['sekretaris.diskominfo'], instruction: 'Untuk diketahui' },
  }),

  // Staff sync from SMART (superadmin).
  'POST /api/v1/staff-sync': () => ({ scope: 'regency', body: {} }),
  'POST /api/v1/staff-sync/upload': () => ({
    scope: 'regency',
    file: { field: 'file', bytes: staffCsv(), name: 'pegawai.csv' },
  }),
  'GET /api/v1/staff-sync/runs': () => ({ scope: 'regency' }),
  'GET /api/v1/staff-sync/runs/:id': (ids) => ({ scope: 'regency', params: { id: ids.runId } }),
  'GET /admin/smart': () => ({ scope: 'regency' }),
  'POST /admin/smart/sinkronkan': () => ({ scope: 'regency', body: {} }),
  'POST /admin/smart/unggah': () => ({
    scope: 'regency',
    file: { field: 'file', bytes: staffCsv(), name: 'pegawai.csv' },
  }),
  'GET /admin/smart/proses/:id': (ids) => ({ scope: 'regency', params: { id: ids.runId } }),

  // Audit trail and workflow histories.
  'GET /api/v1/audit': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'GET /admin/audit': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'POST /api/v1/audit/verify': () => ({ scope: 'regency', body: {} }),
  'POST /admin/audit/periksa': () => ({ scope: 'regency', body: {} }),
  'GET /api/v1/workflows/:workflowId/history': (ids) => ({
    scope: 'opd',
    params: { workflowId: `letter-${ids.letterId}` },
  }),
  'GET /admin/alur/:workflowId': (ids) => ({
    scope: 'opd',
    params: { workflowId: `letter-${ids.letterId}` },
  }),

  // Archive: agenda book and statistics.
  'GET /api/v1/archive/agenda.csv': (ids) => ({
    scope: 'opd',
    query: { jenis: 'masuk', opd: ids.opd.DISKOMINFO },
  }),
  'GET /api/v1/archive/agenda.xlsx': (ids) => ({
    scope: 'opd',
    query: { jenis: 'masuk', opd: ids.opd.DISKOMINFO },
  }),
  'GET /api/v1/archive/statistics': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'GET /arsip/buku-agenda.csv': (ids) => ({
    scope: 'opd',
    query: { jenis: 'masuk', opd: ids.opd.DISKOMINFO },
  }),
  'GET /arsip/buku-agenda.xlsx': (ids) => ({
    scope: 'opd',
    query: { jenis: 'masuk', opd: ids.opd.DISKOMINFO },
  }),
  'GET /arsip/statistik': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),

  // The administration hub: each admin sees the tools of their role.
  'GET /admin': () => ({ scope: 'own' }),

  // People (superadmin: everyone; admin_opd: their own OPD's). The samples act on staf3.diskominfo.
  'GET /api/v1/admin/users': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'POST /api/v1/admin/users': (ids) => ({ scope: 'opd', body: newUser(ids, 'uji.matriks.api', ['asn']) }),
  'GET /api/v1/admin/users/:id': (ids) => ({ scope: 'opd', params: staff3(ids) }),
  'PATCH /api/v1/admin/users/:id': (ids) => ({
    scope: 'opd',
    params: staff3(ids),
    body: { email: 'staf3@diskominfo.kuansing.go.id' },
  }),
  'PUT /api/v1/admin/users/:id/roles': (ids) => ({
    scope: 'opd',
    params: staff3(ids),
    body: { roles: ['asn', 'verifikator'] },
  }),
  'POST /api/v1/admin/users/:id/reset-password': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),
  'POST /api/v1/admin/users/:id/deactivate': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),
  'POST /api/v1/admin/users/:id/activate': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),
  // The `opd` filter is the superadmin's: an admin_opd always gets their own OPD's people.
  'GET /admin/pengguna': (ids) => ({ scope: 'own', query: { opd: ids.opd.DISKOMINFO } }),
  'GET /admin/pengguna/baru': () => ({ scope: 'own' }),
  'POST /admin/pengguna/baru': (ids) => ({ scope: 'opd', body: newUser(ids, 'uji.matriks.form', 'asn') }),
  'GET /admin/pengguna/:id': (ids) => ({ scope: 'opd', params: staff3(ids) }),
  'POST /admin/pengguna/:id/profil': (ids) => ({
    scope: 'opd',
    params: staff3(ids),
    body: { email: 'staf3@diskominfo.kuansing.go.id' },
  }),
  'POST /admin/pengguna/:id/peran': (ids) => ({ scope: 'opd', params: staff3(ids), body: { roles: 'asn' } }),
  'GET /admin/pengguna/:id/setel-ulang-sandi': (ids) => ({ scope: 'opd', params: staff3(ids) }),
  'POST /admin/pengguna/:id/setel-ulang-sandi': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),
  'GET /admin/pengguna/:id/nonaktifkan': (ids) => ({ scope: 'opd', params: staff3(ids) }),
  'POST /admin/pengguna/:id/nonaktifkan': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),
  'POST /admin/pengguna/:id/aktifkan': (ids) => ({ scope: 'opd', params: staff3(ids), body: {} }),

  // OPDs (superadmin: all and new ones; admin_opd: their own). The samples act on DISKOMINFO.
  'GET /api/v1/admin/opd': () => ({ scope: 'regency' }),
  'POST /api/v1/admin/opd': () => ({ scope: 'regency', body: newOpd('UJI-API') }),
  'GET /api/v1/admin/opd/:id': (ids) => ({ scope: 'opd', params: diskominfo(ids) }),
  'PATCH /api/v1/admin/opd/:id': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { phone: '(0760) 561234' },
  }),
  'PUT /api/v1/admin/opd/:id/logo': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    file: { field: 'logo', bytes: PNG, name: 'logo.png' },
  }),
  'DELETE /api/v1/admin/opd/:id/logo': (ids) => ({ scope: 'opd', params: diskominfo(ids) }),
  'PUT /api/v1/admin/opd/:id/number-patterns': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { default: '{klasifikasi}/{urut}/{kode}/{tahun}' },
  }),
  'PUT /api/v1/admin/opd/:id/agenda-pattern': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { pattern: '{urut}/{tahun}' },
  }),
  'PUT /api/v1/admin/opd/:id/head': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { userId: ids.user['kepala.diskominfo'] },
  }),
  'GET /admin/opd': () => ({ scope: 'own' }),
  'GET /admin/opd/baru': () => ({ scope: 'regency' }),
  'POST /admin/opd/baru': () => ({ scope: 'regency', body: newOpd('UJI-FORM') }),
  'GET /admin/opd/:id': (ids) => ({ scope: 'opd', params: diskominfo(ids) }),
  'GET /admin/opd/:id/logo': (ids) => ({ scope: 'opd', params: diskominfo(ids) }),
  'POST /admin/opd/:id/kop': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { name: 'Dinas Komunikasi, Informatika, Statistik dan Persandian', shortName: 'Diskominfo' },
  }),
  // Kept active: the superadmin belongs to DISKOMINFO.
  'POST /admin/opd/:id/status': (ids) => ({ scope: 'opd', params: diskominfo(ids), body: { active: '1' } }),
  'POST /admin/opd/:id/logo': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    file: { field: 'logo', bytes: PNG, name: 'logo.png' },
  }),
  'POST /admin/opd/:id/logo/hapus': (ids) => ({ scope: 'opd', params: diskominfo(ids), body: {} }),
  'POST /admin/opd/:id/kepala': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { userId: ids.user['kepala.diskominfo'] },
  }),
  'POST /admin/opd/:id/penomoran': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { default: '{klasifikasi}/{urut}/{kode}/{tahun}' },
  }),
  'POST /admin/opd/:id/agenda': (ids) => ({
    scope: 'opd',
    params: diskominfo(ids),
    body: { pattern: '{urut}/{tahun}' },
  }),

  // System settings (superadmin).
  'GET /api/v1/admin/settings': () => ({ scope: 'regency' }),
  'PUT /api/v1/admin/settings': () => ({ scope: 'regency', body: {} }),
  'POST /api/v1/admin/settings/test-email': () => ({ scope: 'regency', body: {} }),
  'GET /admin/pengaturan': () => ({ scope: 'regency' }),
  'POST /admin/pengaturan': () => ({ scope: 'regency', body: {} }),
  'POST /admin/pengaturan/uji-email': () => ({ scope: 'regency', body: {} }),

  // The signer registry (admin_opd: their OPD's officials; superadmin issues certificates).
  'GET /api/v1/admin/signers': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'GET /admin/penandatangan': (ids) => ({ scope: 'opd', query: { opd: ids.opd.DISKOMINFO } }),
  'GET /admin/penandatangan/:userId/terbitkan': (ids) => ({
    scope: 'regency',
    params: { userId: ids.user['kepala.diskominfo'] },
  }),
  // A passphrase the rules refuse: the form comes back, no certificate is issued.
  'POST /admin/penandatangan/:userId/terbitkan': (ids) => ({
    scope: 'regency',
    params: { userId: ids.user['kepala.diskominfo'] },
    body: { passphrase: 'pendek', confirmation: 'pendek' },
  }),
};
