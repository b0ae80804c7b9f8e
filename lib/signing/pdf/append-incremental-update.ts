import type { PdfDocument } from './pdf-document';
import { serializePdfValue } from './serialize-pdf-value';

export interface NewObject {
  num: number;
  gen: number;
  /** The object's value in PDF syntax, ASCII only. */
  body: string;
}

/**
 * Appends objects as an incremental update (ISO 32000-1 §7.5.6): the original bytes stay untouched
 * as a prefix, followed by the objects, a cross-reference section of the same kind as the newest one
 * (table or stream) and a trailer whose /Prev chains to the previous section.
 */
export function appendIncrementalUpdate(doc: PdfDocument, objects: NewObject[]): Buffer {
  const original = doc.bytes;
  const last = original[original.length - 1];
  const parts: string[] = [last === 0x0a || last === 0x0d ? '' : '\n'];
  let length = original.length + parts[0].length;
  const offsets = new Map<number, { offset: number; gen: number }>();
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  for (const obj of objects) {
    offsets.set(obj.num, { offset: length, gen: obj.gen });
    write(`${obj.num} ${obj.gen} obj\n${obj.body}\nendobj\n`);
  }
  const trailer = trailerEntries(doc, Math.max(...objects.map((o) => o.num)));
  const xrefOffset = length;
  if (doc.xref.usesXrefStream) {
    const num = trailer.size;
    offsets.set(num, { offset: xrefOffset, gen: 0 });
    const { index, data } = xrefStreamData(offsets);
    write(
      `${num} 0 obj\n<</Type /XRef /Size ${num + 1} /W [1 4 2] /Index [${index.join(' ')}]` +
        `${trailer.common} /Length ${data.length}>>\nstream\n${data.toString('latin1')}\nendstream\nendobj\n`,
    );
  } else {
    write(`xref\n${xrefTable(offsets)}trailer\n<</Size ${trailer.size}${trailer.common}>>\n`);
  }
  write(`startxref\n${xrefOffset}\n%%EOF\n`);
  return Buffer.concat([original, Buffer.from(parts.join(''), 'latin1')]);
}

function trailerEntries(doc: PdfDocument, maxNum: number): { size: number; common: string } {
  const old = doc.xref.trailer.entries;
  const oldSize = old.get('Size');
  const size = Math.max(oldSize?.type === 'num' ? Number(oldSize.text) : 0, maxNum + 1);
  const carried = ['Root', 'Info', 'ID'].flatMap((key) => {
    const value = old.get(key);
    return value ? [` /${key} ${serializePdfValue(value)}`] : [];
  });
  return { size, common: `${carried.join('')} /Prev ${doc.xref.startxref}` };
}

/** Consecutive object numbers form one subsection; each entry is exactly 20 bytes. */
function xrefTable(offsets: Map<number, { offset: number; gen: number }>): string {
  return runs([...offsets.keys()])
    .map(
      ([first, count]) =>
        `${first} ${count}\n` +
        Array.from({ length: count }, (_, i) => {
          const { offset, gen } = offsets.get(first + i)!;
          return `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
        }).join(''),
    )
    .join('');
}

/** Uncompressed rows of type (1 byte), offset (4 bytes), generation (2 bytes). */
function xrefStreamData(offsets: Map<number, { offset: number; gen: number }>): {
  index: number[];
  data: Buffer;
} {
  const sections = runs([...offsets.keys()]);
  const data = Buffer.alloc(offsets.size * 7);
  let at = 0;
  for (const [first, count] of sections) {
    for (let num = first; num < first + count; num += 1) {
      const { offset, gen } = offsets.get(num)!;
      at = data.writeUInt8(1, at);
      at = data.writeUInt32BE(offset, at);
      at = data.writeUInt16BE(gen, at);
    }
  }
  return { index: sections.flat(), data };
}

/** Sorted object numbers as [first, count] runs. */
function runs(nums: number[]): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (const num of [...nums].sort((a, b) => a - b)) {
    const run = result[result.length - 1];
    if (run && run[0] + run[1] === num) run[1] += 1;
    else result.push([num, 1]);
  }
  return result;
}
