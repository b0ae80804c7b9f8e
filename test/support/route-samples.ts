import type { AppDeps } from '../../api/context';
import { createLogger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { FileStore } from '../../lib/storage/file-store';
import { DEFAULT_INSTANCE_NAME } from '../../lib/settings/settings-values';
import { PageRenderer } from '../../web/render';
import { paperMeta, tinyPdf } from './incoming-api';
import { sampleContent } from './letters';
import type { PrivateRecords } from './security-records';
import type { TestDatabase } from './test-database';

/** What allRoutes() needs to list the routes; nothing is started until a route is called. */
export function routeDeps(t: TestDatabase): AppDeps {
  return {
    config: t.config,
    db: t.db,
    files: new FileStore(t.db, t.config.filesDir),
    pdf: new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 }),
    logger: createLogger('silent'),
    pages: new PageRenderer({ instanceName: DEFAULT_INSTANCE_NAME, cache: true }),
    temporalClient: () => Promise.reject(new Error('no Temporal in this test')),
  };
}

/**
 * Seeded records the samples point at: all of DISKOMINFO, so the other OPD's people see none of them.
 */
export interface SampleIds extends PrivateRecords {
  /** OPD ids by code. */
  opd: Record<string, number>;
  /** User ids by username. */
  user: Record<string, number>;
  /** An outgoing letter of DISKOMINFO (drafted by staf2.diskominfo) waiting for its number. */
  letterId: number;
  /** A draft of staf2.diskominfo. */
  draftId: number;
  /** A paper letter received by DISKOMINFO, not yet registered. */
  incomingId: number;
  /** A registered paper letter of DISKOMINFO, disposed to sekretaris.diskominfo. */
  disposedIncomingId: number;
  /** That disposition. */
  dispositionId: number;
  /** A staff sync run. */
  runId: number;
}

/**
 * Whose data a route touches, which decides what a user of another OPD must get:
 * - 'opd': DISKOMINFO's (a letter, a person, the OPD itself, or a listing filtered to it): 403 or 404,
 *   and nothing changes;
 * - 'own': the caller's own (their OPD's listings, their account, their tasks): ordinary use, so only
 *   its reads are asked, and they must not show DISKOMINFO's records;
 * - 'regency': no single OPD's (public pages, the superadmin's tools): asked, and shown in the table;
 * - 'missing': a record that does not exist: whoever the route lets through gets its 404.
 */
export type SampleScope = 'opd' | 'own' | 'regency' | 'missing';

/** The callers of the matrix: one per role, a user of another OPD, and no login. */
export type CallerName =
  'anonymous' | 'asn' | 'verifikator' | 'penandatangan' | 'admin_opd' | 'superadmin' | 'other_opd';

export interface RouteSample {
  scope: SampleScope;
  /** Values for the path's `:params`. */
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  /** JSON for /api routes, form fields for pages (the test adds `_csrf`). */
  body?: Record<string, unknown>;
  /** Sent as multipart, with `body` as its other fields. */
  file?: { field: string; bytes: Buffer; name: string };
  /**
   * Callers the handler refuses (403 or 404) by a rule of the domain although the route's access lets
   * their roles in (not the drafter, not the letter's verifier, …): each named with its reason.
   */
  refused?: Partial<Record<CallerName, string>>;
  /** The call ends the caller's session: it is made with a session of its own. */
  endsSession?: boolean;
  /** The answer is an endless stream (Server-Sent Events): only its refusals are checked. */
  stream?: boolean;
  /** Set by the test on the copy it sends without body or file (a refusal must not depend on them). */
  emptied?: boolean;
  /** Body fields that name whose record the call is about: the emptied copy keeps them. */
  keep?: string[];
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
/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Used where the record does not exist: the route must still let its callers through (to its 404). */
const MISSING_ID = 999_999;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const staffCsv = () =>
  Buffer.from(
    'nip,nama,jabatan,kode_opd,unit_kerja,nip_atasan,golongan,aktif\n' +
      '199001012015011001,Uji Matriks,Pranata Komputer,DISKOMINFO,Bidang Aplikasi,,Penata (III/c),true\n',
  );

const own =
  (extra: Partial<RouteSample> = {}): (() => RouteSample) =>
  () => ({ scope: 'own', ...extra });
const open =
  (extra: Partial<RouteSample> = {}): (() => RouteSample) =>
  () => ({ scope: 'regency', ...extra });
const letter =
  (pick: (ids: SampleIds) => number, extra: Partial<RouteSample> = {}) =>
  (ids: SampleIds): RouteSample => ({
    scope: 'opd',
    params: { id: pick(ids) },
    ...extra,
  });
const numbered = (ids: SampleIds) => ids.letterId;
const draft = (ids: SampleIds) => ids.draftId;
/** A letter's content as the JSON API takes it. */
function apiContent(ids: SampleIds) {
  const { recipientOpdIds, ccOpdIds, ...content } = sampleContent(ids.opd);
  return { ...content, recipients: recipientOpdIds, cc: ccOpdIds };
}
/** Only the drafter (staf2.diskominfo) edits and submits a draft; the bagian umum sees it, so it is told. */
const DRAFTER_ONLY = {
  admin_opd: 'only the drafter edits a draft',
  superadmin: 'only the drafter edits a draft',
};
const disposed = (ids: SampleIds) => ids.disposedIncomingId;
const disposition =
  (extra: Partial<RouteSample> = {}) =>
  (ids: SampleIds): RouteSample => ({
    scope: 'opd',
    params: { id: ids.dispositionId },
    ...extra,
  });
const dispositionPage =
  (extra: Partial<RouteSample> = {}) =>
  (ids: SampleIds): RouteSample => ({
    scope: 'opd',
    params: { id: ids.disposedIncomingId, did: ids.dispositionId },
    ...extra,
  });

/** A record of DISKOMINFO's people (test/support/security-records.ts), by its id. */
const privateRecord =
  (pick: (ids: SampleIds) => number) =>
  (extra: Partial<RouteSample> = {}) =>
  (ids: SampleIds): RouteSample => ({ scope: 'opd', params: { id: pick(ids) }, ...extra });
/** The activity is staf1.diskominfo's with kepala.diskominfo taking part: the OPD's head and admin see it. */
const agendaItem = privateRecord((ids) => ids.agendaItemId);
const delegation = privateRecord((ids) => ids.delegationId);
/** kepala.diskominfo's: the holder and the superadmin renew it. */
const certificate = privateRecord((ids) => ids.certificateId);
const everyone = (reason: string): RouteSample['refused'] =>
  Object.fromEntries(
    (['asn', 'verifikator', 'penandatangan', 'admin_opd', 'other_opd', 'superadmin'] as const).map((c) => [
      c,
      reason,
    ]),
  );

/**
 * The path parameters, query and body of every route, keyed "METHOD path" as the route table declares
 * it. test/security/route-authorization.test.ts fails, naming the route, when a route has no entry
 * here: a new route gets its authorization checked by being added.
 */
export const ROUTE_SAMPLES: Record<string, (ids: SampleIds) => RouteSample> = {
  // Public: health, metrics (its own bearer), the public key infrastructure, verification, help.
  'GET /health': open(),
  'GET /ready': open(),
  'GET /metrics': open(),
  'GET /api/v1/openapi.json': open(),
  'POST /api/v1/auth/token': open({ body: {} }),
  'DELETE /api/v1/auth/token': own({ endsSession: true }),
  'GET /login': open(),
  'POST /login': () => ({
    scope: 'regency',
    body: {},
    refused: Object.fromEntries(
      (
        ['anonymous', 'asn', 'verifikator', 'penandatangan', 'admin_opd', 'other_opd', 'superadmin'] as const
      ).map((c) => [c, 'the login form is refused (403) without its own CSRF cookie']),
    ),
  }),
  'POST /logout': own({ endsSession: true, body: {} }),
  'GET /pki/root.crt': open(),
  'GET /pki/crl': open(),
  'POST /api/v1/verify': open({ file: { field: 'file', bytes: tinyPdf('verifikasi'), name: 'surat.pdf' } }),
  'GET /verifikasi': open(),
  'POST /verifikasi': open({ file: { field: 'file', bytes: tinyPdf('verifikasi-form'), name: 'surat.pdf' } }),
  'GET /verifikasi/:code': () => ({ scope: 'missing', params: { code: 'tidakada1' } }),
  'GET /bantuan': open(),
  'GET /bantuan/panduan.pdf': open(),
  'GET /bantuan/:chapter': () => ({ scope: 'regency', params: { chapter: 'asn' } }),
  'GET /ical/:token.ics': () => ({ scope: 'missing', params: { token: 'tidak-ada' } }),

  // The caller's own: who they are, the directory, tasks, notifications, account, feeds.
  'GET /': own(),
  'GET /api/v1/me': own(),
  'GET /api/v1/opd': open(),
  'GET /api/v1/users': own(),
  'GET /pegawai': own(),
  'GET /api/v1/tasks': own(),
  'GET /tugas/:kind': () => ({ scope: 'own', params: { kind: 'incoming' } }),
  'GET /api/v1/signers': own(),
  'GET /api/v1/templates': open(),
  'GET /api/v1/events': own({ stream: true }),
  'GET /api/v1/notifications': own(),
  // Every caller asks to mark staf2.diskominfo's notification read: only their own are (checked at the end).
  'POST /api/v1/notifications/read': (ids) => ({ scope: 'own', body: { ids: [ids.notificationId] } }),
  'GET /api/v1/notification-preferences': own(),
  'PUT /api/v1/notification-preferences': own({ body: {} }),
  'GET /notifikasi': own(),
  'POST /notifikasi/preferensi': own({ body: {} }),
  'POST /notifikasi/baca': own({ body: {} }),
  'POST /notifikasi/:id/buka': (ids) => ({
    scope: 'opd',
    params: { id: ids.notificationId },
    body: {},
    refused: everyone('a notification opens for its recipient only'),
  }),
  'POST /api/v1/account/password': own({ body: {} }),
  'GET /akun': own(),
  'GET /akun/sandi': own(),
  'POST /akun/sandi': own({ body: {} }),
  'GET /api/v1/agenda/feed': own(),
  'POST /api/v1/agenda/feed': own({ body: {} }),
  'DELETE /api/v1/agenda/feed': own(),
  'GET /agenda/langganan': own(),
  'POST /agenda/langganan': own({ body: {} }),
  'POST /agenda/langganan/cabut': own({ body: {} }),

  // Signing certificates (penandatangan: their own; superadmin: everyone's).
  'GET /api/v1/certificates': own(),
  'POST /api/v1/certificates': own({ body: {} }),
  'POST /api/v1/certificates/:id/renew': certificate({ body: {} }),
  'GET /sertifikat': own(),
  'POST /sertifikat': own({ body: {} }),
  'GET /sertifikat/:id/perpanjang': certificate(),
  'POST /sertifikat/:id/perpanjang': certificate({ body: {} }),

  // Outgoing letters: lists are the caller's own; a letter is for those involved in it.
  'GET /api/v1/letters': own(),
  'GET /surat': own(),
  'GET /arsip': own(),
  'GET /api/v1/archive': own(),
  'POST /api/v1/letters': own({ body: {} }),
  'GET /surat/baru': own(),
  'GET /surat/baru/:kind': () => ({ scope: 'own', params: { kind: 'surat-dinas' } }),
  'POST /surat/baru/:kind': () => ({ scope: 'own', params: { kind: 'surat-dinas' }, body: {} }),
  'GET /api/v1/letters/:id': letter(numbered),
  'GET /api/v1/letters/:id/timeline': letter(numbered),
  'GET /api/v1/letters/:id/pdf': letter(numbered),
  'GET /surat/:id': letter(numbered),
  'GET /surat/:id/pdf': letter(numbered),
  'PATCH /api/v1/letters/:id': (ids) =>
    letter(draft, { body: { ...apiContent(ids), baseVersionNo: 1 } })(ids),
  'POST /api/v1/letters/:id/submit': letter(draft, { body: { baseVersionNo: 1 } }),
  'POST /api/v1/letters/:id/withdraw': letter(numbered, { body: { reason: 'Uji matriks otorisasi' } }),
  'POST /api/v1/letters/:id/verify': letter(numbered, { body: {} }),
  'POST /api/v1/letters/:id/sign': letter(numbered, { body: {} }),
  'GET /surat/:id/ubah': letter(draft, { refused: DRAFTER_ONLY }),
  'POST /surat/:id/ubah': letter(draft, { body: {}, refused: DRAFTER_ONLY }),
  'GET /surat/:id/ajukan': letter(draft, { refused: DRAFTER_ONLY }),
  'POST /surat/:id/ajukan': letter(draft, { body: {}, refused: DRAFTER_ONLY }),
  'GET /surat/:id/tarik': letter(numbered),
  'POST /surat/:id/tarik': letter(numbered, { body: {} }),
  'POST /surat/:id/verifikasi': letter(numbered, { body: {} }),
  'GET /surat/:id/verifikasi/ubah': letter(numbered),
  'POST /surat/:id/verifikasi/ubah': letter(numbered, { body: {} }),
  'POST /surat/:id/tandatangan': letter(numbered, { body: {} }),

  // Incoming letters and dispositions: the receiving OPD's, for those involved.
  'GET /api/v1/incoming': own(),
  'GET /surat-masuk': own(),
  'GET /api/v1/incoming/:id': letter(disposed),
  'GET /api/v1/incoming/:id/scan': letter(disposed),
  'GET /api/v1/incoming/:id/files/:fileId': (ids) => ({
    scope: 'opd',
    params: { id: ids.disposedIncomingId, fileId: MISSING_ID },
  }),
  'POST /api/v1/incoming/:id/dispositions': letter(disposed, { body: {} }),
  'POST /api/v1/incoming/:id/close': letter(disposed, { body: {} }),
  'GET /surat-masuk/:id': letter(disposed),
  'GET /surat-masuk/:id/scan': letter(disposed),
  'GET /surat-masuk/:id/naskah': letter(disposed),
  'GET /surat-masuk/:id/berkas/:fileId': (ids) => ({
    scope: 'opd',
    params: { id: ids.disposedIncomingId, fileId: MISSING_ID },
  }),
  'GET /surat-masuk/:id/lembar-disposisi': letter(disposed),
  'GET /surat-masuk/:id/tutup': letter(disposed),
  'POST /surat-masuk/:id/tutup': letter(disposed, { body: {} }),
  'GET /api/v1/disposition-receivers': own(),
  'GET /api/v1/dispositions/:id': disposition(),
  'POST /api/v1/dispositions/:id/read': disposition({ body: {} }),
  'POST /api/v1/dispositions/:id/follow-up': disposition({ body: { report: 'Uji matriks otorisasi' } }),
  'POST /api/v1/dispositions/:id/forward': disposition({ body: {} }),
  'POST /api/v1/dispositions/:id/close': disposition({ body: {} }),
  'POST /api/v1/dispositions/:id/recall': disposition({ body: {} }),
  'POST /surat-masuk/:id/disposisi/:did/teruskan': dispositionPage({ body: {} }),
  'POST /surat-masuk/:id/disposisi/:did/tindak-lanjut': dispositionPage({ body: {} }),
  'GET /surat-masuk/:id/disposisi/:did/selesai': dispositionPage(),
  'POST /surat-masuk/:id/disposisi/:did/selesai': dispositionPage({ body: {} }),
  'GET /surat-masuk/:id/disposisi/:did/tarik': dispositionPage(),
  'POST /surat-masuk/:id/disposisi/:did/tarik': dispositionPage({ body: {} }),

  // Agenda: everyone's own; items by id are for those invited.
  'GET /api/v1/agenda': own(),
  'POST /api/v1/agenda': own({ body: {} }),
  'GET /agenda': own(),
  'GET /agenda/kalender': own(),
  'GET /agenda/pekan.pdf': own(),
  'GET /agenda/baru': own(),
  'POST /agenda/baru': own({ body: {} }),
  'GET /api/v1/agenda/:id': agendaItem(),
  'PATCH /api/v1/agenda/:id': agendaItem({ body: { title: '' } }),
  'POST /api/v1/agenda/:id/done': agendaItem({ body: {} }),
  'POST /api/v1/agenda/:id/cancel': agendaItem({ body: {} }),
  'GET /api/v1/agenda/:id/files/:fileId': (ids) =>
    agendaItem({ params: { id: ids.agendaItemId, fileId: ids.agendaFileId } })(ids),
  'GET /agenda/:id': agendaItem(),
  'GET /agenda/:id/ubah': agendaItem(),
  'POST /agenda/:id/ubah': agendaItem({ body: { title: '' } }),
  'GET /agenda/:id/selesai': agendaItem(),
  'POST /agenda/:id/selesai': agendaItem({ body: {} }),
  'GET /agenda/:id/batal': agendaItem(),
  'POST /agenda/:id/batal': agendaItem({ body: {} }),

  // Delegations (Plt./Plh.): officials and the bagian umum appoint them.
  'GET /api/v1/delegations': own(),
  'GET /delegasi': own(),
  'GET /api/v1/delegations/candidates': own(),
  'POST /api/v1/delegations': own({ body: {} }),
  'POST /api/v1/delegations/:id/end': delegation({ body: {} }),
  'GET /delegasi/baru': own(),
  'POST /delegasi/baru': own({ body: {} }),
  'GET /delegasi/:id/akhiri': delegation(),
  'POST /delegasi/:id/akhiri': delegation({ body: {} }),

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
    refused: { superadmin: 'only the bagian umum of an OPD registers its paper letters' },
    body: paperMeta(),
    file: { field: 'scan', bytes: tinyPdf('matriks-api'), name: 'surat.pdf' },
  }),
  'GET /surat-masuk/baru': () => ({ scope: 'own' }),
  'POST /surat-masuk/baru': () => ({
    scope: 'own',
    refused: { superadmin: 'only the bagian umum of an OPD registers its paper letters' },
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
  'POST /api/v1/admin/users': (ids) => ({
    scope: 'opd',
    body: newUser(ids, 'uji.matriks.api', ['asn']),
    keep: ['opdId'],
  }),
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
  'POST /admin/pengguna/baru': (ids) => ({
    scope: 'opd',
    body: newUser(ids, 'uji.matriks.form', 'asn'),
    keep: ['opdId'],
  }),
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
