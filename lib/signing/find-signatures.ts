import { PdfParser } from './pdf/pdf-parser';
import type { PdfValue } from './pdf/pdf-value';

export interface FoundSignature {
  /** As written; may be anything, the caller checks it. */
  byteRange: number[];
  /** The decoded /Contents, zero padding included. */
  contents: Buffer;
  /** Offsets of the /Contents string, from its `<` to just past its `>`. */
  contentsStart: number;
  contentsEnd: number;
  contentsIsHex: boolean;
  /** The claimed signing time (/M), as written. */
  claimedTime: string | null;
}

/**
 * Every signature dictionary in the file, from every revision: each indirect object whose dictionary
 * has /ByteRange and /Contents. Searching the bytes rather than following the form means a signature
 * an update hid from the form is still found and checked. Only the objects around a "/ByteRange" are
 * parsed, so this stays fast on large files; one quoted inside a stream belongs to the stream, not
 * to a dictionary, and is ignored.
 */
export function findSignatures(pdf: Buffer): FoundSignature[] {
  const text = pdf.toString('latin1');
  const found = new Map<number, FoundSignature>();
  for (let at = text.indexOf('/ByteRange'); at >= 0; at = text.indexOf('/ByteRange', at + 1)) {
    const object = enclosingObject(pdf, text, at);
    if (object && !found.has(object.start)) {
      const signature = object.value.type === 'dict' ? asSignature(object.value.entries) : null;
      if (signature) found.set(object.start, signature);
    }
  }
  return [...found.values()];
}

/** How far back a signature dictionary may start: far beyond any real /Contents, and bounds the work. */
const SEARCH_WINDOW = 1 << 20;

/** The nearest `num gen obj` before `at` that parses, is not a stream, and extends past `at`. */
function enclosingObject(pdf: Buffer, text: string, at: number): { start: number; value: PdfValue } | null {
  const limit = at - SEARCH_WINDOW;
  for (
    let obj = text.lastIndexOf('obj', at);
    obj > 0 && obj > limit;
    obj = text.lastIndexOf('obj', obj - 1)
  ) {
    const header = /(?:^|[^\d])(\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+)$/.exec(
      text.slice(Math.max(0, obj - 32), obj),
    );
    if (!header) continue;
    const start = obj - header[1].length;
    const parser = new PdfParser(pdf, start);
    try {
      const parsed = parser.parseIndirectObject();
      if (parsed.streamStart !== undefined) return null;
      if (parser.pos > at) return { start, value: parsed.value };
    } catch {
      // A header-like text inside a string or a broken object: keep looking further back.
    }
  }
  return null;
}

function asSignature(entries: Map<string, PdfValue>): FoundSignature | null {
  const byteRange = entries.get('ByteRange');
  const contents = entries.get('Contents');
  if (byteRange?.type !== 'array' || contents?.type !== 'str') return null;
  const time = entries.get('M');
  return {
    byteRange: byteRange.items.map((item) => (item.type === 'num' ? Number(item.text) : NaN)),
    contents: contents.bytes,
    contentsStart: contents.start,
    contentsEnd: contents.end,
    contentsIsHex: contents.hex,
    claimedTime: time?.type === 'str' ? time.bytes.toString('latin1') : null,
  };
}
