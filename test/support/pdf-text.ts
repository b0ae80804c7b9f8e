import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes the PDF to a temporary folder for a command-line tool, and removes it afterwards. */
function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-pdf-'));
  try {
    const file = path.join(dir, 'naskah.pdf');
    fs.writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * pdftotext of the whole PDF, or of one page (1-based), whitespace collapsed so wrapped lines match.
 * `layout` keeps each printed line together ("Nomor : 000.1…" rather than a column of labels, then
 * one of values), at the price of joining side-by-side columns line by line.
 */
export function pdfText(pdf: Buffer, options: { page?: number; layout?: boolean } = {}): string {
  const { page, layout } = options;
  const args = [...(page ? ['-f', String(page), '-l', String(page)] : []), ...(layout ? ['-layout'] : [])];
  const text = withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8' }),
  );
  return text.replace(/\s+/g, ' ').trim();
}

export function pdfPageCount(pdf: Buffer): number {
  const info = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The fonts pdffonts lists, with whether each is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const table = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return table
    .split('\n')
    .slice(2) // header and ---- rule
    .map((line) => /^(\S+)\s+.*?\s(yes|no)\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1], embedded: m[2] === 'yes' }));
}

/** Renders one page (1-based) to a PNG file with pdftoppm. */
export function savePagePng(pdf: Buffer, page: number, pngFile: string, dpi = 200): void {
  withPdfFile(pdf, (file) =>
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      pngFile.replace(/\.png$/, ''),
    ]),
  );
}

/** What zbarimg reads from the QR codes on one page (1-based) rendered at 200 dpi; [] when none. */
export function pageQrCodes(pdf: Buffer, page: number): string[] {
  return withPdfFile(pdf, (_file, dir) => {
    const png = path.join(dir, 'halaman.png');
    savePagePng(pdf, page, png, 200);
    const zbar = spawnSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' });
    // Exit status 4: the image was read and holds no symbol.
    if (zbar.status === 4) return [];
    if (zbar.status !== 0) throw new Error(`zbarimg failed (${zbar.status}): ${zbar.stderr}`);
    return zbar.stdout.split('\n').filter(Boolean);
  });
}

/** How many images the PDF draws (pdfimages -list, one line per image after the two header lines). */
export function pdfImageCount(pdf: Buffer): number {
  const list = withPdfFile(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return list.trim().split('\n').length - 2;
}
