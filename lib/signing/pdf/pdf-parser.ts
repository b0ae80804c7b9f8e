import { PdfFormatError } from '../signing-errors';
import type { PdfDict, PdfIndirectObject, PdfValue } from './pdf-value';

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set(Buffer.from('()<>[]{}/%'));
const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c };

/**
 * A minimal PDF object parser (ISO 32000-1 §7.3) over the raw bytes, enough for the cross-reference
 * data, the page tree, the form and signature dictionaries. Offsets are byte offsets into the file.
 */
export class PdfParser {
  constructor(
    private readonly src: Buffer,
    public pos = 0,
  ) {}

  /** `num gen obj value [stream]`; stops at the first stream data byte. */
  parseIndirectObject(): PdfIndirectObject {
    const num = this.parseInteger();
    const gen = this.parseInteger();
    this.expectKeyword('obj');
    const value = this.parseValue();
    this.skipSpace();
    if (value.type === 'dict' && this.peekKeyword('stream')) {
      this.pos += 'stream'.length;
      // The keyword is followed by CRLF or LF (a lone CR is not allowed).
      if (this.src[this.pos] === 0x0d) this.pos += 1;
      if (this.src[this.pos] === 0x0a) this.pos += 1;
      return { num, gen, value, streamStart: this.pos };
    }
    return { num, gen, value };
  }

  parseValue(): PdfValue {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === undefined) this.fail('akhir berkas tak terduga');
    if (c === 0x2f) return { type: 'name', name: this.parseName() };
    if (c === 0x3c && this.src[this.pos + 1] === 0x3c) return this.parseDict();
    if (c === 0x3c) return this.parseHexString();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x5b) return this.parseArray();
    if (isNumberStart(c)) return this.parseNumberOrRef();
    const word = this.readRegular();
    if (word === 'true' || word === 'false') return { type: 'bool', value: word === 'true' };
    if (word === 'null') return { type: 'null' };
    this.fail(`token tak dikenal "${word.slice(0, 20)}"`);
  }

  parseDict(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] === 0x3e && this.src[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { type: 'dict', entries };
      }
      if (this.src[this.pos] !== 0x2f) this.fail('kunci kamus harus berupa nama');
      const key = this.parseName();
      entries.set(key, this.parseValue());
    }
  }

  parseInteger(): number {
    this.skipSpace();
    const word = this.readRegular();
    if (!/^\d+$/.test(word)) this.fail(`bilangan bulat diharapkan, ditemukan "${word.slice(0, 20)}"`);
    return Number(word);
  }

  /** Skips whitespace and comments. */
  skipSpace(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) return;
      if (WHITESPACE.has(c)) this.pos += 1;
      else if (c === 0x25) {
        while (this.pos < this.src.length && this.src[this.pos] !== 0x0a && this.src[this.pos] !== 0x0d) {
          this.pos += 1;
        }
      } else return;
    }
  }

  peekKeyword(word: string): boolean {
    const end = this.pos + word.length;
    return this.src.toString('latin1', this.pos, end) === word && !isRegular(this.src[end]);
  }

  expectKeyword(word: string): void {
    this.skipSpace();
    if (!this.peekKeyword(word)) this.fail(`"${word}" diharapkan`);
    this.pos += word.length;
  }

  private parseName(): string {
    this.pos += 1;
    return this.readRegular();
  }

  private parseArray(): PdfValue {
    this.pos += 1;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] === 0x5d) {
        this.pos += 1;
        return { type: 'array', items };
      }
      items.push(this.parseValue());
    }
  }

  private parseNumberOrRef(): PdfValue {
    const text = this.readRegular();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) this.fail(`bilangan tidak valid "${text.slice(0, 20)}"`);
    if (/^\d+$/.test(text)) {
      // "num gen R" is a reference; anything else means the integer stands alone.
      const after = this.pos;
      this.skipSpace();
      const gen = isRegular(this.src[this.pos]) ? this.readRegular() : '';
      this.skipSpace();
      if (/^\d+$/.test(gen) && this.peekKeyword('R')) {
        this.pos += 1;
        return { type: 'ref', num: Number(text), gen: Number(gen) };
      }
      this.pos = after;
    }
    return { type: 'num', text };
  }

  private parseHexString(): PdfValue {
    const start = this.pos;
    const end = this.src.indexOf(0x3e, start);
    if (end < 0) this.fail('string heksadesimal tidak ditutup');
    const digits = this.src.toString('latin1', start + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) this.fail('string heksadesimal tidak valid');
    this.pos = end + 1;
    const bytes = Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');
    return { type: 'str', bytes, hex: true, start, end: this.pos };
  }

  private parseLiteralString(): PdfValue {
    const start = this.pos;
    const out: number[] = [];
    let depth = 0;
    this.pos += 1;
    for (;;) {
      const c = this.src[this.pos++];
      if (c === undefined) this.fail('string tidak ditutup');
      if (c === 0x29 && depth === 0) break;
      if (c === 0x28) depth += 1;
      if (c === 0x29) depth -= 1;
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      const e = this.src[this.pos++];
      const letter = String.fromCharCode(e);
      if (letter in ESCAPES) out.push(ESCAPES[letter]);
      else if (/[0-7]/.test(letter)) {
        let octal = letter;
        while (octal.length < 3 && /[0-7]/.test(String.fromCharCode(this.src[this.pos]))) {
          octal += String.fromCharCode(this.src[this.pos++]);
        }
        out.push(parseInt(octal, 8) & 0xff);
      } else if (e === 0x0d) {
        // A backslash before an end of line continues the string on the next line.
        if (this.src[this.pos] === 0x0a) this.pos += 1;
      } else if (e !== 0x0a) out.push(e);
    }
    return { type: 'str', bytes: Buffer.from(out), hex: false, start, end: this.pos };
  }

  private readRegular(): string {
    const start = this.pos;
    while (isRegular(this.src[this.pos])) this.pos += 1;
    if (this.pos === start) this.fail('token kosong');
    return this.src.toString('latin1', start, this.pos);
  }

  private fail(what: string): never {
    throw new PdfFormatError(`Struktur PDF tidak dapat dibaca (posisi ${this.pos}: ${what}).`);
  }
}

function isRegular(c: number | undefined): boolean {
  return c !== undefined && !WHITESPACE.has(c) && !DELIMITERS.has(c);
}

function isNumberStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}
