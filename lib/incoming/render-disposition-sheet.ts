import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { letterHelpers } from '../documents/letter-helpers';
import { projectRoot } from '../paths';
import type { OpdLetterhead } from '../opd/load-opd-letterhead';
import type { BrowserPool } from '../pdf/browser-pool';

export interface DispositionSheetEntry {
  /** 0 for a disposition given from the letter itself, 1 for one forwarded from it, and so on. */
  depth: number;
  from: string;
  to: string;
  instruction: string;
  note: string | null;
  dueAt: Date | null;
  createdAt: Date;
  status: string;
  followUp: string | null;
}

/** The kop is the OPD's letterhead (loadOpdLetterhead): its own logo when it has one, else the emblem. */
export interface DispositionSheetData extends OpdLetterhead {
  agenda: {
    agendaNumber: string | null;
    receivedAt: Date | null;
    sender: string;
    number: string;
    /** yyyy-mm-dd as written on the letter. */
    letterDate: string | null;
    subject: string;
    sifat: string;
    urgency: string;
    classification: string | null;
  };
  /** In tree order: each disposition followed by those forwarded from it. */
  dispositions: DispositionSheetEntry[];
  printedAt: Date;
}

const TEMPLATES_DIR = path.join(projectRoot, 'templates');
const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});

let compiled: Handlebars.TemplateDelegate | undefined;

/** Compiled on the first sheet, with the letters' kop surat and stylesheet, so both stay one design. */
function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  hbs.registerHelper(letterHelpers);
  hbs.registerHelper('wib', (d: Date | null) => (d ? `${wib.format(d)} WIB` : '-'));
  hbs.registerHelper('inc', (i: number) => i + 1);
  // A forwarded disposition is indented under the one it came from, as the tree on screen is.
  hbs.registerHelper('indent', (depth: number) => `${0.4 + depth * 0.9}em`);
  hbs.registerPartial('kop-surat', read('partials/kop-surat.hbs'));
  hbs.registerPartial('letter-css', read('letter.css'));
  hbs.registerPartial('sheet-css', read('disposition-sheet.css'));
  compiled = hbs.compile(read('disposition-sheet.hbs'));
  return compiled;
}

/** The printable lembar disposisi (A4 PDF): the agenda data and every disposition in tree order. */
export async function renderDispositionSheet(pool: BrowserPool, data: DispositionSheetData): Promise<Buffer> {
  const emblem = `data:image/svg+xml;base64,${Buffer.from(read('emblem.svg')).toString('base64')}`;
  return pool.renderPdf(template()({ ...data, assets: { emblem } }));
}
