/**
 * The data set of the list benchmark, generated inside MariaDB with set-based INSERT … SELECT over the
 * SEQUENCE engine's seq_<a>_to_<b> tables (no row travels through Node): 40 OPDs of 250 people each,
 * one superadmin, `letters` outgoing letters over three years with their version, steps and recipients,
 * the incoming copies of the sent ones plus paper letters, and dispositions down two levels.
 *
 * Per OPD o, user (o-1)*250 + k is: k=1 the head (signer), k=2 the bagian umum (admin_opd),
 * k=3..12 verifiers, k=13..250 ASN. Spreads come from MD5 of a salt and the row id, so every run builds the
 * same data.
 */
import type { Connection } from 'mysql2/promise';

export const OPDS = 40;
export const PER_OPD = 250;
export const SUPERADMIN_ID = OPDS * PER_OPD + 1;
/** The most recent letters are the ones still in flight: they carry the open tasks. */
const RECENT = 20_000;
const CHUNK = 200_000;

/** A user of OPD `opd` (SQL expression) by their local number k (SQL expression). */
const userOf = (opd: string, k: string) => `((${opd}) - 1) * ${PER_OPD} + ${k}`;
/**
 * A deterministic pseudo-random number in [0, n) for this row, from MD5 of a salt and the id. Not CRC32:
 * it is linear, so two salts of one length gave tied rolls (a letter's OPD fixed the parity of its
 * verifier, and half of every OPD's verifiers never verified).
 */
const hash = (salt: string, id: string) => `conv(left(md5(concat('${salt}', ${id})), 8), 16, 10)`;
const roll = (salt: string, id: string, n: number) => `(${hash(salt, id)} % ${n})`;
const pick = (salt: string, id: string, words: string[]) =>
  `elt(1 + ${roll(salt, id, words.length)}, ${words.map((w) => `'${w}'`).join(', ')})`;

const OPENINGS = [
  'Undangan Rapat',
  'Permohonan Data',
  'Laporan Pelaksanaan',
  'Pemberitahuan',
  'Penyampaian Dokumen',
  'Surat Tugas',
  'Permintaan Narasumber',
  'Edaran',
  'Pengajuan Usulan',
  'Konfirmasi Kehadiran',
  'Penyampaian Hasil',
  'Undangan Sosialisasi',
];
export const TOPICS = [
  'Koordinasi Anggaran',
  'Evaluasi Kinerja',
  'Pembangunan Jalan Desa',
  'Penanganan Banjir',
  'Pelayanan Kesehatan',
  'Penerimaan Pegawai',
  'Pengadaan Barang',
  'Musrenbang Kecamatan',
  'Festival Pacu Jalur',
  'Ketahanan Pangan',
  'Digitalisasi Layanan',
  'Pengelolaan Aset',
  'Perjalanan Dinas',
  'Pendataan Penduduk',
  'Pembinaan UMKM',
];
const subject = (id: string, salt: string) =>
  `concat(${pick(`${salt}a`, id, OPENINGS)}, ' ', ${pick(`${salt}b`, id, TOPICS)})`;
const CLASSIFICATIONS = ['000.1', '005', '100.3', '400.14', '500.4', '800.1', '900.1'];

/** MariaDB DATETIME literal of a UTC instant. */
const sqlTime = (d: Date) => `'${d.toISOString().slice(0, 23).replace('T', ' ')}'`;

/** Runs `sql` once per id range [a, b] of at most CHUNK ids, with `{a}`/`{b}` replaced. */
export async function chunked(conn: Connection, upTo: number, sql: string, chunk = CHUNK): Promise<void> {
  for (let a = 1; a <= upTo; a += chunk) {
    const b = Math.min(upTo, a + chunk - 1);
    await conn.query(sql.replaceAll('{a}', String(a)).replaceAll('{b}', String(b)));
  }
}

/** Fills the migrated, empty database behind `conn`; `end` is the generation's "now". */
export async function generateLists(conn: Connection, letters: number, end: Date): Promise<void> {
  const start = new Date(end.getTime() - 3 * 365 * 86_400_000);
  const span = Math.floor((end.getTime() - start.getTime()) / 1000);
  const now = sqlTime(end);
  const recentFrom = letters - RECENT;
  // Ids are given explicitly, so the checks would only slow the load down.
  await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');

  await conn.query(`
    INSERT INTO opd (id, code, name, short_name, created_at, updated_at)
    SELECT seq, concat('OPD-', seq), concat('Dinas Nomor ', seq, ' Kabupaten Kuantan Singingi'),
      concat('DINAS', seq), ${now}, ${now}
    FROM seq_1_to_${OPDS}`);
  await conn.query(`
    INSERT INTO users (id, opd_id, username, name, position, password_hash, created_at, updated_at)
    SELECT seq, 1 + (seq - 1) DIV ${PER_OPD}, concat('pegawai', seq), concat('Pegawai ', seq),
      'Staf', 'bench-no-login', ${now}, ${now}
    FROM seq_1_to_${OPDS * PER_OPD}`);
  await conn.query(`
    INSERT INTO users (id, opd_id, username, name, password_hash, created_at, updated_at)
    VALUES (${SUPERADMIN_ID}, NULL, 'superadmin', 'Super Admin', 'bench-no-login', ${now}, ${now})`);
  await conn.query(`
    INSERT INTO user_roles (user_id, role)
    SELECT seq, CASE (seq - 1) % ${PER_OPD} WHEN 0 THEN 'penandatangan' WHEN 1 THEN 'admin_opd'
      ELSE IF((seq - 1) % ${PER_OPD} < 12, 'verifikator', 'asn') END
    FROM seq_1_to_${OPDS * PER_OPD}
    UNION ALL SELECT ${SUPERADMIN_ID}, 'superadmin'`);
  await conn.query(`UPDATE opd SET head_user_id = ${userOf('id', '1')}`);

  // Old letters are sent, withdrawn or abandoned drafts; the recent ones are spread over every step.
  await chunked(
    conn,
    letters,
    `
    INSERT INTO letters (id, opd_id, drafter_id, kind, subject, sifat, urgency, classification, status,
      current_version_id, signer_id, number, number_date, sent_at, created_at, updated_at)
    SELECT n, opd, drafter, 'surat-dinas', subject, 'biasa', urgency, cls, status, n, ${userOf('opd', '1')},
      IF(numbered, concat(cls, '/', n, '/OPD-', opd, '/', year(created)), NULL),
      IF(numbered, date(updated), NULL), IF(status IN ('sending', 'sent'), updated, NULL), created, updated
    FROM (
      SELECT *, status IN ('signing', 'sending', 'sent') AS numbered FROM (
        SELECT n, opd, created, ${userOf('opd', `13 + ${roll('d', 'n', PER_OPD - 12)}`)} AS drafter,
          ${subject('n', 'l')} AS subject, ${pick('u', 'n', ['biasa', 'biasa', 'segera', 'sangat_segera'])} AS urgency,
          ${pick('k', 'n', CLASSIFICATIONS)} AS cls,
          least(timestampadd(HOUR, ${roll('h', 'n', 72)}, created), ${now}) AS updated,
          IF(n > ${recentFrom},
            CASE WHEN r < 25 THEN 'draft' WHEN r < 50 THEN 'verifying' WHEN r < 60 THEN 'numbering'
              WHEN r < 75 THEN 'signing' WHEN r < 78 THEN 'sending' WHEN r < 97 THEN 'sent' ELSE 'withdrawn' END,
            CASE WHEN r < 2 THEN 'draft' WHEN r < 6 THEN 'withdrawn' ELSE 'sent' END) AS status
        FROM (
          SELECT seq AS n, 1 + ${roll('o', 'seq', OPDS)} AS opd, ${roll('s', 'seq', 100)} AS r,
            timestampadd(SECOND, (seq - 1) * ${span} DIV ${letters} + ${roll('t', 'seq', 3600)}, ${sqlTime(start)}) AS created
          FROM seq_{a}_to_{b}) x) y) z`,
  );

  await chunked(
    conn,
    letters,
    `
    INSERT INTO letter_versions (id, letter_id, version_no, author_id, fields, created_at)
    SELECT id, id, 1, drafter_id,
      concat('{"isi":"Dengan hormat, sehubungan dengan ', lower(subject), ' pada ', opd_id,
        ' perangkat daerah, bersama ini kami sampaikan bahan dan jadwal kegiatan untuk ditindaklanjuti."}'),
      created_at
    FROM letters WHERE id BETWEEN {a} AND {b}`,
  );

  // verify (a verifier of the OPD), number (the bagian umum as a group), sign (the head): the steps
  // before the letter's current one are done, later ones wait; a withdrawn letter's are cancelled.
  await chunked(
    conn,
    letters,
    `
    INSERT INTO letter_steps (id, letter_id, seq, kind, assignee_id, opd_id, status, approved_version_id,
      due_at, acted_at, created_at)
    SELECT (id - 1) * 3 + seq, id, seq, elt(seq, 'verify', 'number', 'sign'),
      CASE seq WHEN 1 THEN ${userOf('opd_id', `3 + ${roll('v', 'id', 10)}`)} WHEN 3 THEN signer_id END,
      opd_id, step, IF(step = 'done', current_version_id, NULL), timestampadd(DAY, 2 * seq, created_at),
      IF(step = 'done', timestampadd(HOUR, 6 * seq, created_at), NULL), created_at
    FROM (
      SELECT l.*, s.seq, CASE
        WHEN l.status = 'withdrawn' THEN IF(s.seq = 1, 'done', 'cancelled')
        WHEN l.status IN ('sending', 'sent') THEN 'done'
        WHEN s.seq < field(l.status, 'verifying', 'numbering', 'signing') THEN 'done'
        WHEN s.seq = field(l.status, 'verifying', 'numbering', 'signing') THEN 'active'
        ELSE 'waiting' END AS step
      FROM letters l JOIN seq_1_to_3 s
      WHERE l.status <> 'draft' AND l.id BETWEEN {a} AND {b}) x`,
  );

  // 'to' one other OPD; half of the letters also a tembusan to a third one.
  await chunked(
    conn,
    letters,
    `
    INSERT INTO letter_recipients (id, letter_id, opd_id, kind)
    SELECT (l.id - 1) * 2 + s.seq, l.id,
      1 + (l.opd_id + IF(s.seq = 1, a, a + 1 + ${hash('c', 'l.id')} % (38 - a))) % ${OPDS},
      IF(s.seq = 1, 'to', 'cc')
    FROM (SELECT id, opd_id, ${roll('a', 'id', 38)} AS a FROM letters) l
    JOIN seq_1_to_2 s
    WHERE l.id BETWEEN {a} AND {b} AND (s.seq = 1 OR ${roll('x', 'l.id', 2)} = 0)`,
  );

  const incomingStatus = (recent: string, id: string) => `
    IF(${recent},
      CASE WHEN ${roll('i', id, 100)} < 40 THEN 'received' WHEN ${roll('i', id, 100)} < 70 THEN 'registered'
        ELSE 'in_progress' END,
      CASE WHEN ${roll('i', id, 100)} < 85 THEN 'closed' WHEN ${roll('i', id, 100)} < 95 THEN 'in_progress'
        ELSE 'registered' END)`;
  const incomingColumns = `(id, opd_id, letter_id, source, recipient_kind, sender_opd_id, sender_name, number,
      letter_date, subject, sifat, urgency, classification, agenda_number, agenda_year, agenda_seq,
      received_at, registered_by, status, created_at, updated_at)`;
  // Registered letters have their agenda number; the incoming id keeps (opd, year, seq) unique.
  const agenda = (id: string, at: string) => `
      IF(status = 'received', NULL, concat(${id}, '/', year(${at}))), IF(status = 'received', NULL, year(${at})),
      IF(status = 'received', NULL, ${id})`;

  // Every recipient OPD of a sent letter holds its incoming copy.
  await chunked(
    conn,
    letters,
    `
    INSERT INTO incoming_letters ${incomingColumns}
    SELECT id, opd_id, letter_id, 'delivery', kind, sender_opd_id, sender_name, number, letter_date, subject,
      'biasa', urgency, classification, ${agenda('id', 'received_at')}, received_at,
      IF(status = 'received', NULL, ${userOf('opd_id', '2')}), status, received_at, received_at
    FROM (
      SELECT r.id, r.opd_id, l.id AS letter_id, r.kind, l.opd_id AS sender_opd_id, o.name AS sender_name,
        l.number, l.number_date AS letter_date, l.subject, l.urgency, l.classification, l.sent_at AS received_at,
        ${incomingStatus(`l.id > ${recentFrom}`, 'r.id')} AS status
      FROM letters l
      JOIN letter_recipients r ON r.letter_id = l.id
      JOIN opd o ON o.id = l.opd_id
      WHERE l.status = 'sent' AND l.id BETWEEN {a} AND {b}) x`,
  );
  // Paper letters from outside: a tenth as many, ids after the delivered ones.
  const papers = Math.floor(letters / 10);
  await chunked(
    conn,
    papers,
    `
    INSERT INTO incoming_letters ${incomingColumns}
    SELECT id, opd_id, NULL, 'paper', 'to', NULL, sender_name, number, date(received_at), subject,
      'biasa', 'biasa', '000.1', ${agenda('id', 'received_at')}, received_at, ${userOf('opd_id', '2')},
      status, received_at, received_at
    FROM (
      SELECT ${2 * letters} + seq AS id, 1 + ${roll('po', 'seq', OPDS)} AS opd_id,
        concat('PT Mitra Usaha ', seq % 500) AS sender_name, concat('B-', seq, '/MU/', 2026) AS number,
        ${subject('seq', 'p')} AS subject,
        timestampadd(SECOND, (seq - 1) * ${span} DIV ${papers}, ${sqlTime(start)}) AS received_at,
        ${incomingStatus(`seq > ${papers - RECENT / 10}`, 'seq')} AS status
      FROM seq_{a}_to_{b}) x`,
  );

  // The head dispositions each letter in progress or closed to a verifier; half of them go on to an ASN.
  // Closed letters close their dispositions; recent ones are still open, older ones done.
  const dispositionColumns = `(id, incoming_letter_id, parent_id, from_user_id, to_user_id, instruction,
      due_at, status, read_at, finished_at, created_at)`;
  const recent = `i.received_at > timestampadd(DAY, -45, ${now})`;
  const forwarded = `${roll('f', 'i.id', 2)} = 0`;
  const maxIncoming = 2 * letters + papers;
  await chunked(
    conn,
    maxIncoming,
    `
    INSERT INTO dispositions ${dispositionColumns}
    SELECT i.id, i.id, NULL, ${userOf('i.opd_id', '1')}, ${userOf('i.opd_id', `3 + ${roll('dv', 'i.id', 10)}`)},
      'Tindak lanjuti sesuai ketentuan', timestampadd(DAY, 5, i.received_at),
      CASE WHEN i.status = 'closed' THEN 'closed' WHEN NOT ${recent} THEN 'done'
        WHEN ${forwarded} THEN 'forwarded' ELSE 'read' END,
      timestampadd(HOUR, 2, i.received_at), IF(${recent} AND i.status <> 'closed', NULL, timestampadd(DAY, 3, i.received_at)),
      timestampadd(HOUR, 1, i.received_at)
    FROM incoming_letters i
    WHERE i.status IN ('in_progress', 'closed') AND i.id BETWEEN {a} AND {b}`,
  );
  await chunked(
    conn,
    maxIncoming,
    `
    INSERT INTO dispositions ${dispositionColumns}
    SELECT ${3 * letters} + i.id, i.id, i.id, d.to_user_id,
      ${userOf('i.opd_id', `13 + ${roll('da', 'i.id', PER_OPD - 12)}`)},
      'Siapkan bahan dan laporkan', timestampadd(DAY, 4, i.received_at),
      CASE WHEN i.status = 'closed' THEN 'closed' WHEN NOT ${recent} THEN 'done'
        WHEN ${roll('ur', 'i.id', 2)} = 0 THEN 'unread' ELSE 'read' END,
      IF(i.status = 'closed' OR NOT ${recent} OR ${roll('ur', 'i.id', 2)} = 1, timestampadd(HOUR, 5, i.received_at), NULL),
      IF(${recent} AND i.status <> 'closed', NULL, timestampadd(DAY, 3, i.received_at)),
      timestampadd(HOUR, 4, i.received_at)
    FROM incoming_letters i
    JOIN dispositions d ON d.id = i.id
    WHERE i.id BETWEEN {a} AND {b} AND (d.status IN ('closed', 'done', 'forwarded')) AND ${forwarded}`,
  );

  await conn.query(
    'ANALYZE TABLE opd, users, user_roles, letters, letter_versions, letter_steps, letter_recipients, ' +
      'incoming_letters, dispositions',
  );
}
