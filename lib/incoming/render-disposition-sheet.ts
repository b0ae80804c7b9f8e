import type Handlebars from 'handlebars';
import { emblemDataUrl, kopDocumentTemplate } from '../documents/kop-document-template';
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

const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});

let compiled: Handlebars.TemplateDelegate | undefined;
const template = () =>
  (compiled ??= kopDocumentTemplate('disposition-sheet', 'sheet-css', (hbs) => {
    hbs.registerHelper('wib', (d: Date | null) => (d ? `${wib.format(d)} WIB` : '-'));
    hbs.registerHelper('inc', (i: number) => i + 1);
    // A forwarded disposition is indented under the one it came from, as the tree on screen is.
    hbs.registerHelper('indent', (depth: number) => `${0.4 + depth * 0.9}em`);
  }));

/** The printable lembar disposisi (A4 PDF): the agenda data and every disposition in tree order. */
export async function renderDispositionSheet(pool: BrowserPool, data: DispositionSheetData): Promise<Buffer> {
  return pool.renderPdf(template()({ ...data, assets: { emblem: emblemDataUrl() } }));
}
