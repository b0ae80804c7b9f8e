import { PdfFormatError } from '../signing-errors';
import { decodeStream } from './decode-stream';
import { PdfParser } from './pdf-parser';
import type { PdfDict, PdfValue } from './pdf-value';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; streamNum: number; index: number };

export interface Xref {
  entries: Map<number, XrefEntry>;
  /** The newest trailer (for a cross-reference stream: its dictionary). */
  trailer: PdfDict;
  /** Offset of the newest cross-reference section: the /Prev of the next update. */
  startxref: number;
  /** The newest section is a cross-reference stream, so an update must write one too. */
  usesXrefStream: boolean;
}

/**
 * Reads every cross-reference section from the last `startxref` back along /Prev; newer entries
 * win. Classic tables and cross-reference streams are both read; hybrid files' /XRefStm is not.
 */
export function readXref(pdf: Buffer): Xref {
  const startxref = findStartxref(pdf);
  const entries = new Map<number, XrefEntry>();
  const seen = new Set<number>();
  let trailer: PdfDict | undefined;
  let usesXrefStream = false;
  let offset: number | undefined = startxref;
  while (offset !== undefined) {
    if (seen.has(offset) || offset >= pdf.length) throw broken();
    seen.add(offset);
    const parser: PdfParser = new PdfParser(pdf, offset);
    parser.skipSpace();
    const isTable: boolean = parser.peekKeyword('xref');
    const section: Section = isTable ? readTable(parser) : readStream(pdf, parser);
    if (!trailer) {
      trailer = section.trailer;
      usesXrefStream = !isTable;
    }
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
    const prev: PdfValue | undefined = section.trailer.entries.get('Prev');
    offset = prev ? integer(prev) : undefined;
  }
  return { entries, trailer: trailer as PdfDict, startxref, usesXrefStream };
}

interface Section {
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

function findStartxref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  if (at < 0) throw broken();
  const parser = new PdfParser(pdf, at + 'startxref'.length);
  return parser.parseInteger();
}

function readTable(parser: PdfParser): Section {
  parser.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    parser.skipSpace();
    if (parser.peekKeyword('trailer')) break;
    const first = parser.parseInteger();
    const count = parser.parseInteger();
    for (let i = 0; i < count; i += 1) {
      const offset = parser.parseInteger();
      const gen = parser.parseInteger();
      parser.skipSpace();
      const inUse = parser.peekKeyword('n');
      if (!inUse) parser.expectKeyword('f');
      else parser.pos += 1;
      entries.set(first + i, inUse ? { kind: 'offset', offset, gen } : { kind: 'free' });
    }
  }
  parser.expectKeyword('trailer');
  const trailer = parser.parseValue();
  if (trailer.type !== 'dict') throw broken();
  return { entries, trailer };
}

function readStream(pdf: Buffer, parser: PdfParser): Section {
  const obj = parser.parseIndirectObject();
  const dict = obj.value;
  if (dict.type !== 'dict' || obj.streamStart === undefined) throw broken();
  const type = dict.entries.get('Type');
  if (type?.type !== 'name' || type.name !== 'XRef') throw broken();
  const data = decodeStream(pdf, dict, obj.streamStart, integer(dict.entries.get('Length')));
  const widths = numbers(dict.entries.get('W'));
  const size = integer(dict.entries.get('Size'));
  const index = dict.entries.has('Index') ? numbers(dict.entries.get('Index')) : [0, size];
  const rowLength = widths.reduce((a, b) => a + b, 0);
  const entries = new Map<number, XrefEntry>();
  let at = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    for (let num = index[i]; num < index[i] + index[i + 1]; num += 1) {
      if (at + rowLength > data.length) throw broken();
      const fields = widths.map((width) => {
        let value = 0;
        for (let b = 0; b < width; b += 1) value = value * 256 + data[at++];
        return value;
      });
      // A zero-width type field means type 1 (ISO 32000-1, table 17).
      const kind = widths[0] === 0 ? 1 : fields[0];
      if (kind === 1) entries.set(num, { kind: 'offset', offset: fields[1], gen: fields[2] });
      else if (kind === 2) entries.set(num, { kind: 'compressed', streamNum: fields[1], index: fields[2] });
      else entries.set(num, { kind: 'free' });
    }
  }
  return { entries, trailer: dict };
}

function integer(value: PdfValue | undefined): number {
  if (value?.type !== 'num' || !/^\d+$/.test(value.text)) throw broken();
  return Number(value.text);
}

function numbers(value: PdfValue | undefined): number[] {
  if (value?.type !== 'array') throw broken();
  return value.items.map(integer);
}

function broken(): PdfFormatError {
  return new PdfFormatError('Struktur PDF rusak (tabel referensi silang tidak valid).');
}
