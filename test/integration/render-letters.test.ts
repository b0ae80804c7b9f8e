import fs from 'node:fs';
import path from 'node:path';
import type { LetterRenderInput } from '../../lib/documents/letter-render-input';
import { renderLetterPdf } from '../../lib/documents/render-letter-pdf';
import { loadConfig } from '../../lib/config';
import { projectRoot } from '../../lib/paths';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { TEMPLATES, templateKinds, type TemplateKind } from '../../templates';
import { sampleLetter, SAMPLE_OPD_NAME, SAMPLE_SIGNER_NAME } from '../support/letter-input';
import { pageQrCodes, pdfFonts, pdfPageCount, pdfText, savePagePng } from '../support/pdf-text';

/**
 * Every kind of naskah dinas through real Chromium to PDF, read back with poppler and zbar: the text
 * a reader sees, the fonts, the KONSEP stamp, pagination of the signature block, the QR code and the
 * link annotation the signing step relies on.
 */
const VERIFY_URL = 'https://eoffice.kuansing.go.id/verifikasi/K7Q2M9XW';
const A4 = { width: 595.28, height: 841.89 };
const OUTPUT_DIR = path.join(projectRoot, 'test-output');
const OPD_NAME = SAMPLE_OPD_NAME;
const SIGNER_NAME = SAMPLE_SIGNER_NAME;
const SIGNER_NIP = 'NIP. 19700512 199503 1 002';
const E_SIGNATURE_SENTENCE =
  'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Certificate Authority Pemerintah Kabupaten Kuantan Singingi.';

function letter(kind: TemplateKind, overrides: Partial<LetterRenderInput> = {}): LetterRenderInput {
  return sampleLetter(kind, VERIFY_URL, overrides);
}

/** What each kind must show of its example fields, as `pdftotext -layout` reads it. */
const EXPECTED_TEXT: Record<TemplateKind, string[]> = {
  'surat-dinas': [
    'Nomor : 000.1.2/27/DISKOMINFO/2026',
    'Sifat : Penting',
    'Lampiran : 1 (satu) berkas',
    'Hal : Rapat Koordinasi', // the addressee, printed beside it, follows on the same line
    'Yth. Kepala Dinas Pendidikan',
    'Kabupaten Kuantan Singingi',
    'data pejabat dan pegawai di lingkungan Dinas Pendidikan',
    'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
  ],
  'nota-dinas': [
    'NOTA DINAS',
    'Kepada : Yth. Sekretaris Daerah Kabupaten Kuantan Singingi',
    'Dari : Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
    'Tanggal : 28 November 2026',
    'Nomor : 000.1.2/27/DISKOMINFO/2026',
    'Sifat : Penting',
    'Lampiran : 1 (satu) berkas',
    'Hal : Rapat Koordinasi Penerapan e-Office',
    'uji coba aplikasi e-Office pada enam perangkat daerah',
  ],
  'surat-undangan': [
    'Nomor : 000.1.2/27/DISKOMINFO/2026 Teluk Kuantan, 28 November 2026',
    'Hal : Rapat Koordinasi',
    'Yth. Kepala Perangkat Daerah',
    'Hari/Tanggal : Senin, 7 Desember 2026',
    'Pukul : 09.00 WIB s.d. selesai',
    'Tempat : Aula Dinas Komunikasi, Informatika, Statistik dan Persandian',
    'Acara : Rapat Koordinasi Penerapan Aplikasi e-Office dan Tanda Tangan Elektronik',
    'Mengingat pentingnya acara tersebut',
  ],
  'surat-edaran': [
    'SURAT EDARAN NOMOR 000.1.2/27/DISKOMINFO/2026 TENTANG RAPAT KOORDINASI PENERAPAN E-OFFICE',
    'Yth. 1. Kepala Perangkat Daerah 2. Camat se-Kabupaten Kuantan Singingi di Tempat',
    'menggunakan aplikasi e-Office dalam pembuatan dan pengiriman naskah dinas',
    'Dikeluarkan di Teluk Kuantan pada tanggal 28 November 2026',
  ],
  'surat-tugas': [
    'SURAT TUGAS NOMOR 000.1.2/27/DISKOMINFO/2026',
    'MEMERINTAHKAN:',
    'Dasar : 1. Peraturan Bupati Kuantan Singingi Nomor 17 Tahun 2019',
    'Kepada : 1. Nama : Rahmad Hidayat, S.Kom. NIP : 19880512 201503 1 002 Pangkat/Gol. : Penata (III/c)',
    '2. Nama : Nurul Aini, S.T.',
    'Pangkat/Gol. : Penata Muda Tingkat I (III/b) Jabatan : Pranata Komputer Ahli Pertama',
    'Untuk : 1. Melaksanakan pendampingan',
    'Waktu : Selasa, 1 Desember 2026 s.d. Kamis, 3 Desember 2026',
    'Tempat : Kantor Camat Singingi Hilir',
    'Demikian Surat Tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.',
    'Teluk Kuantan, 28 November 2026',
  ],
  'surat-keputusan': [
    'KEPUTUSAN KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN KABUPATEN KUANTAN SINGINGI',
    'NOMOR 000.1.2/27/DISKOMINFO/2026 TENTANG RAPAT KOORDINASI PENERAPAN E-OFFICE',
    'Menimbang : a. bahwa untuk mendukung penerapan Sistem Pemerintahan Berbasis Elektronik',
    'Mengingat : 1. Undang-Undang Nomor 53 Tahun 1999',
    'MEMUTUSKAN: Menetapkan : KEPUTUSAN KEPALA DINAS',
    'KESATU : Membentuk Tim Pengelola Aplikasi e-Office',
    'KEDUA : Tim sebagaimana dimaksud dalam Diktum KESATU',
    'KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.',
    'Ditetapkan di Teluk Kuantan pada tanggal 28 November 2026',
  ],
  memo: [
    'MEMO NOMOR 000.1.2/27/DISKOMINFO/2026',
    'Kepada : Kepala Bidang Aplikasi Informatika',
    'Dari : Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian',
    'Hal : Rapat Koordinasi Penerapan e-Office',
    'Tanggal : 28 November 2026',
    'Mohon disiapkan bahan paparan penerapan e-Office',
    'Demikian disampaikan untuk dilaksanakan.',
  ],
};

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool({ chromiumPath: loadConfig().pdf.chromiumPath, size: 2 });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
});
afterAll(() => pool.close());

describe.each(templateKinds)('a signed %s', (kind) => {
  let rendered: Awaited<ReturnType<typeof renderLetterPdf>>;
  let text: string;
  beforeAll(async () => {
    rendered = await renderLetterPdf(pool, letter(kind));
    text = pdfText(rendered.pdf, { layout: true });
  });

  it('shows the kop surat, its fields, the date in Indonesian, the signer and the tembusan', () => {
    expect(rendered.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(rendered.pageCount).toBe(pdfPageCount(rendered.pdf));
    for (const expected of [
      'PEMERINTAH KABUPATEN KUANTAN SINGINGI',
      OPD_NAME.toUpperCase(),
      'Jl. Proklamasi No. 12, Teluk Kuantan, Telepon (0760) 561234',
      'Pos-el: diskominfo@kuansing.go.id',
      '000.1.2/27/DISKOMINFO/2026',
      '28 November 2026',
      SIGNER_NAME,
      SIGNER_NIP,
      'Pembina Utama Muda (IV/c)',
      E_SIGNATURE_SENTENCE,
      'Tembusan: 1. Yth. Bupati Kuantan Singingi (sebagai laporan) 2. Yth. Sekretaris Daerah Kabupaten Kuantan Singingi',
      ...EXPECTED_TEXT[kind],
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('KONSEP');
  });

  it('embeds its fonts, all of them serif faces', () => {
    const fonts = pdfFonts(rendered.pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/\+(LiberationSerif|DejaVuSerif)/);
    }
  });

  it('links its signature block, inside the page, to a QR code that reads as the verify URL', () => {
    const box = rendered.signatureBox!;
    expect(pdfText(rendered.pdf, { page: box.pageIndex + 1 })).toContain(E_SIGNATURE_SENTENCE);
    const [x1, y1, x2, y2] = box.rect;
    expect(0 <= x1 && x1 < x2 && x2 <= A4.width && 0 <= y1 && y1 < y2 && y2 <= A4.height).toBe(true);
    // The block stands in the right half, below the letter's content, and is as tall as its lines.
    expect(x1).toBeGreaterThan(A4.width / 2 - 10);
    expect(y2 - y1).toBeGreaterThan(150);
    expect(pageQrCodes(rendered.pdf, box.pageIndex + 1)).toEqual([VERIFY_URL]);
  });
});

describe('a long letter', () => {
  const paragraphs = Array.from(
    { length: 60 },
    (_, i) =>
      `<p>Paragraf ${i + 1}: pelaksanaan penerapan aplikasi e-Office dilakukan secara bertahap pada setiap ` +
      'perangkat daerah sesuai dengan rencana kerja yang telah disepakati bersama.</p>',
  ).join('');
  const fields = { ...TEMPLATES['surat-dinas'].example, isi: paragraphs };

  it('spans several pages and keeps the closing paragraph and the whole signature block on the last one', async () => {
    const { pdf, pageCount, signatureBox } = await renderLetterPdf(pool, letter('surat-dinas', { fields }));
    expect(pageCount).toBeGreaterThanOrEqual(3);
    const pages = Array.from({ length: pageCount }, (_, i) => pdfText(pdf, { page: i + 1 }));
    const pagesWith = (s: string) => pages.flatMap((t, i) => (t.includes(s) ? [i] : []));
    const last = pageCount - 1;
    for (const part of [
      'Demikian disampaikan',
      'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian,',
      SIGNER_NAME,
      SIGNER_NIP,
      E_SIGNATURE_SENTENCE,
    ]) {
      expect(pagesWith(part)).toEqual([last]);
    }
    expect(signatureBox?.pageIndex).toBe(last);
    expect(pages[1]).toMatch(/^- ?2 ?- /); // page numbers from the second page on
    expect(pages[0]).not.toMatch(/- ?1 ?-/);
    expect(pageQrCodes(pdf, last + 1)).toEqual([VERIFY_URL]);
  });

  it('as a draft carries KONSEP on every page, and no QR code or signature link', async () => {
    const { pdf, pageCount, signatureBox } = await renderLetterPdf(
      pool,
      letter('surat-dinas', { fields, draft: true, signature: null, number: null, date: null }),
    );
    expect(pageCount).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pageCount; page++) {
      expect(pdfText(pdf, { page })).toContain(
        'KONSEP — belum ditandatangani, belum berlaku sebagai naskah dinas',
      );
    }
    const text = pdfText(pdf, { layout: true });
    expect(text).toContain('Nomor : ……');
    expect(text).toContain('Teluk Kuantan, ……');
    expect(text).not.toContain('Certificate Authority');
    expect(signatureBox).toBeNull();
    expect(pageQrCodes(pdf, pageCount)).toEqual([]);
  });
});

describe('user text in the PDF', () => {
  it('appears literally, markup and all, instead of becoming elements', async () => {
    const script = '<script>document.write("DIRETAS")</script>';
    const img = '<img src=x onerror=alert(1)>';
    const { pdf } = await renderLetterPdf(
      pool,
      letter('surat-undangan', {
        subject: `Rapat ${script}`,
        tembusan: [img],
        fields: { ...TEMPLATES['surat-undangan'].example, tempat: script, acara: `Acara ${img}` },
      }),
    );
    const text = pdfText(pdf, { layout: true });
    expect(text).toContain('Tempat : <script>document.write("DIRETAS")</script>');
    expect(text).toContain('Acara : Acara <img src=x onerror=alert(1)>');
    expect(text).toContain('Yth. <img src=x onerror=alert(1)>');
    expect(text).not.toMatch(/DIRETAS(?!")/);
  });
});

describe('the sample letter', () => {
  it('is written to test-output/ as PDF and as an image of its first page, for people to look at', async () => {
    const { pdf, signatureBox } = await renderLetterPdf(pool, letter('surat-undangan'));
    const pdfFile = path.join(OUTPUT_DIR, 'sample-surat-undangan.pdf');
    const pngFile = path.join(OUTPUT_DIR, 'sample-surat-undangan.png');
    fs.writeFileSync(pdfFile, pdf);
    savePagePng(pdf, 1, pngFile, 110);
    expect(fs.statSync(pngFile).size).toBeGreaterThan(10_000);
    // A one-page letter: the block sits in the lower half of the page.
    expect(signatureBox?.pageIndex).toBe(0);
    expect(signatureBox!.rect[3]).toBeLessThan(A4.height / 2);
  });
});
