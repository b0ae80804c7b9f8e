import zlib from 'node:zlib';
import { PdfFormatError } from '../signing-errors';
import type { PdfDict } from './pdf-value';

/**
 * The decoded data of a stream we must read ourselves (cross-reference and object streams): no
 * filter or FlateDecode without predictor, which is what pdf-lib and most writers produce for them.
 */
export function decodeStream(src: Buffer, dict: PdfDict, start: number, length: number): Buffer {
  const raw = src.subarray(start, start + length);
  const filter = dict.entries.get('Filter');
  const filterName = filter?.type === 'array' && filter.items.length === 1 ? filter.items[0] : filter;
  if (filterName === undefined) return raw;
  const params = dict.entries.get('DecodeParms');
  const predictor = params?.type === 'dict' ? params.entries.get('Predictor') : undefined;
  if (filterName.type !== 'name' || filterName.name !== 'FlateDecode' || predictor !== undefined) {
    throw new PdfFormatError('PDF ini memakai kompresi struktur yang belum didukung untuk penandatanganan.');
  }
  try {
    return zlib.inflateSync(raw);
  } catch {
    throw new PdfFormatError('Struktur PDF rusak (aliran terkompresi tidak dapat dibuka).');
  }
}
