/**
 * Render and sign, beside their bare equivalents measured in the same run:
 *   render  — renderLetterPdf of a two-page Surat Dinas (warm pool)   vs  a bare page.setContent + page.pdf()
 *   sign    — signPdf (key already unlocked)                         vs  a bare RSA-2048 signature of its SHA-256
 *   unlock  — opening the official's PKCS#12 (the deliberately slow key derivation), reported on its own
 * Run: npm run bench:render-sign   (ROUNDS=40 by default)
 */
import { createHash, createSign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { loadConfig } from '../lib/config';
import { createKnex } from '../lib/db/create-knex';
import { migrateLatest } from '../lib/db/migration-source';
import { renderLetterHtml } from '../lib/documents/render-letter-html';
import { renderLetterPdf } from '../lib/documents/render-letter-pdf';
import type { LetterRenderInput } from '../lib/documents/letter-render-input';
import { BrowserPool } from '../lib/pdf/browser-pool';
import { HEADLESS_CHROMIUM_ARGS } from '../lib/pdf/chromium-args';
import { initCa } from '../lib/pki/init-ca';
import { issueCertificate } from '../lib/pki/issue-certificate';
import { unlockSigningKey } from '../lib/pki/unlock-signing-key';
import { seedDemo } from '../lib/seed/seed-demo';
import { signPdf } from '../lib/signing/sign-pdf';
import { FileStore } from '../lib/storage/file-store';
import { TEMPLATES } from '../templates';
import { stats } from './support-stats';
import { machineLine } from './machine-line';
import { runBench } from './run-bench';

const ROUNDS = Number(process.env.ROUNDS ?? 40);
const PASSPHRASE = 'Bench-TandaTangan#2026';
const WARMUP = 20;

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

function row(name: string, ms: number[], bare?: number[]) {
  const a = stats(ms);
  const ratio = bare ? `${(a.median / stats(bare).median).toFixed(2)}x` : '';
  return `${name.padEnd(34)} ${a.median.toFixed(2).padStart(9)} ${a.p95.toFixed(2).padStart(9)} ${ratio.padStart(8)}`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-bench-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dir,
    DATABASE_URL: '',
    PASSWORD_HASH_MEMORY_KIB: '1024',
  });
  const db = createKnex(config.database);
  const pool = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: 1 });
  const browser = await puppeteer.launch({
    executablePath: config.pdf.chromiumPath,
    headless: true,
    args: [...HEADLESS_CHROMIUM_ARGS, '--font-render-hinting=none'],
  });
  try {
    await migrateLatest(db);
    await seedDemo(db, { password: 'Bench#Sandi2026', hashMemoryKib: 1024 });
    await initCa(config.pki);
    const files = new FileStore(db, config.filesDir);
    const head = await db('users').where({ username: 'kepala.diskominfo' }).first();
    const { certificateId } = await issueCertificate(
      { db, files, pki: config.pki, publicUrl: config.publicUrl },
      { userId: head.id, passphrase: PASSPHRASE, actorId: null },
    );

    const paragraphs = Array.from(
      { length: 9 },
      (_, i) =>
        `<p>Paragraf ${i + 1}. Dalam rangka pemutakhiran data kepegawaian pada aplikasi e-Office Pemerintah ` +
        'Kabupaten Kuantan Singingi, bersama ini kami mohon Saudara menyampaikan data pejabat dan pegawai ' +
        'di lingkungan perangkat daerah masing-masing sesuai format terlampir paling lambat tanggal 15 Desember 2026.</p>',
    ).join('');
    const input: LetterRenderInput = {
      kind: 'surat-dinas',
      fields: { ...TEMPLATES['surat-dinas'].example, isi: paragraphs },
      opd: {
        name: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
        address: 'Jl. Proklamasi No. 12',
        phone: '(0760) 561234',
        email: 'diskominfo@kuansing.go.id',
        website: 'https://kuansing.go.id',
      },
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-11-28',
      sifat: 'biasa',
      subject: 'Pemutakhiran Data Kepegawaian',
      signer: { position: head.position, name: head.name, nip: head.nip },
      tembusan: ['Bupati Kuantan Singingi'],
      draft: false,
      signature: { verifyUrl: `${config.publicUrl}/verifikasi/benchbenchbenchbench` },
    };
    const html = renderLetterHtml(input);
    const first = await renderLetterPdf(pool, input); // warms the pool
    const page = await browser.newPage();
    const bareRender = () =>
      page
        .setContent(html, { waitUntil: 'load' })
        .then(() => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await bareRender();

    // Interleaved, so both see the same machine state.
    const render: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      render.push(...(await timed(1, () => renderLetterPdf(pool, input))));
      bare.push(...(await timed(1, bareRender)));
    }

    const unlock = await timed(5, () =>
      unlockSigningKey({ db, files }, { certificateId, passphrase: PASSPHRASE }),
    );
    const key = await unlockSigningKey({ db, files }, { certificateId, passphrase: PASSPHRASE });
    const sign: number[] = [];
    const bareSign: number[] = [];
    // Signing is fast enough that JIT warm-up would dominate the first rounds: discard them.
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      if (i === WARMUP) sign.length = bareSign.length = 0;
      sign.push(
        ...(await timed(1, () =>
          signPdf(first.pdf, {
            privateKey: key.privateKey,
            chainPem: key.chainPem,
            signerName: head.name,
            reason: 'Bench',
            location: 'Teluk Kuantan',
            widget: first.signatureBox,
          }),
        )),
      );
      bareSign.push(
        ...(await timed(1, async () => {
          const digest = createHash('sha256').update(first.pdf).digest();
          createSign('sha256').update(digest).sign(key.privateKey);
        })),
      );
    }

    const lines = [
      `e-Office render & sign benchmark — ${machineLine()}; ${ROUNDS} rounds`,
      `letter: ${first.pageCount} pages, ${first.pdf.length} bytes; PKCS#12 KDF ${config.pki.p12KdfIterations} rounds`,
      '',
      `${'operation'.padEnd(34)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'vs bare'.padStart(8)}`,
      row('render (renderLetterPdf, warm)', render, bare),
      row('  bare page.setContent + pdf()', bare),
      row('sign (signPdf, key unlocked)', sign, bareSign),
      row('  bare RSA-2048 over SHA-256', bareSign),
      row('unlock PKCS#12 (reported apart)', unlock),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await pool.close();
    await browser.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
