/** A PDF object as parsed from a file. Names keep their raw spelling (with any #xx escapes). */
export type PdfValue =
  | { type: 'num'; text: string }
  | { type: 'name'; name: string }
  /** start/end: byte offsets of the whole token, delimiters included (a signature's /Contents gap). */
  | { type: 'str'; bytes: Buffer; hex: boolean; start: number; end: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'dict'; entries: Map<string, PdfValue> };

export type PdfDict = Extract<PdfValue, { type: 'dict' }>;
export type PdfRef = Extract<PdfValue, { type: 'ref' }>;

/** An indirect object; `streamStart` is the offset of a stream's first data byte, if it is one. */
export interface PdfIndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  streamStart?: number;
}
