import { PdfFormatError } from '../signing-errors';
import { decodeStream } from './decode-stream';
import { PdfParser } from './pdf-parser';
import type { PdfDict, PdfRef, PdfValue } from './pdf-value';
import { readXref, type Xref } from './read-xref';

/** Read access to the newest revision of a PDF: objects by number, the catalog and the pages. */
export class PdfDocument {
  readonly xref: Xref;
  private readonly objectStreams = new Map<number, { data: Buffer; offsets: number[]; first: number }>();

  constructor(readonly bytes: Buffer) {
    this.xref = readXref(bytes);
  }

  /** Follows a reference to the object it points to; other values come back unchanged. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.type === 'ref' ? this.getObject(value.num) : value;
  }

  resolveDict(value: PdfValue | undefined, what: string): PdfDict {
    const resolved = this.resolve(value);
    if (resolved?.type !== 'dict') throw new PdfFormatError(`Struktur PDF rusak (${what} tidak ditemukan).`);
    return resolved;
  }

  catalogRef(): PdfRef {
    const root = this.xref.trailer.entries.get('Root');
    if (root?.type !== 'ref') throw new PdfFormatError('Struktur PDF rusak (katalog tidak ditemukan).');
    return root;
  }

  /** Every page's reference, in reading order. */
  pageRefs(): PdfRef[] {
    const catalog = this.resolveDict(this.catalogRef(), 'katalog');
    const pages: PdfRef[] = [];
    const visit = (node: PdfValue | undefined, depth: number) => {
      if (node?.type !== 'ref' || depth > 64) throw new PdfFormatError('Struktur PDF rusak (pohon halaman).');
      const dict = this.resolveDict(node, 'halaman');
      const type = dict.entries.get('Type');
      const kids = this.resolve(dict.entries.get('Kids'));
      if (type?.type === 'name' && type.name === 'Page') pages.push(node);
      else if (kids?.type === 'array') for (const kid of kids.items) visit(kid, depth + 1);
      else throw new PdfFormatError('Struktur PDF rusak (pohon halaman).');
    };
    visit(catalog.entries.get('Pages'), 0);
    return pages;
  }

  private getObject(num: number): PdfValue | undefined {
    const entry = this.xref.entries.get(num);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'compressed') return this.getCompressedObject(entry.streamNum, entry.index);
    const obj = new PdfParser(this.bytes, entry.offset).parseIndirectObject();
    if (obj.num !== num) throw new PdfFormatError('Struktur PDF rusak (posisi objek tidak cocok).');
    return obj.value;
  }

  private getCompressedObject(streamNum: number, index: number): PdfValue | undefined {
    let stream = this.objectStreams.get(streamNum);
    if (!stream) {
      const entry = this.xref.entries.get(streamNum);
      if (entry?.kind !== 'offset') throw new PdfFormatError('Struktur PDF rusak (aliran objek).');
      const obj = new PdfParser(this.bytes, entry.offset).parseIndirectObject();
      if (obj.value.type !== 'dict' || obj.streamStart === undefined) {
        throw new PdfFormatError('Struktur PDF rusak (aliran objek).');
      }
      const length = this.resolve(obj.value.entries.get('Length'));
      const count = obj.value.entries.get('N');
      const first = obj.value.entries.get('First');
      if (length?.type !== 'num' || count?.type !== 'num' || first?.type !== 'num') {
        throw new PdfFormatError('Struktur PDF rusak (aliran objek).');
      }
      const data = decodeStream(this.bytes, obj.value, obj.streamStart, Number(length.text));
      // The stream starts with N pairs "objectNumber offset"; offsets count from /First.
      const header = new PdfParser(data);
      const offsets: number[] = [];
      for (let i = 0; i < Number(count.text); i += 1) {
        header.parseInteger();
        offsets.push(header.parseInteger());
      }
      stream = { data, offsets, first: Number(first.text) };
      this.objectStreams.set(streamNum, stream);
    }
    const offset = stream.offsets[index];
    if (offset === undefined) return undefined;
    return new PdfParser(stream.data, stream.first + offset).parseValue();
  }
}
