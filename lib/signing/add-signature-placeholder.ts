import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { appendIncrementalUpdate, type NewObject } from './pdf/append-incremental-update';
import { formatPdfDate } from './pdf/format-pdf-date';
import { PdfDocument } from './pdf/pdf-document';
import { pdfTextString } from './pdf/pdf-text-string';
import type { PdfDict, PdfRef, PdfValue } from './pdf/pdf-value';
import { serializePdfValue } from './pdf/serialize-pdf-value';
import { PdfFormatError, SigningError } from './signing-errors';

export interface PlaceholderOptions {
  signerName: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
  /** null: an invisible signature (a zero-size widget on the first page). */
  widget: { pageIndex: number; rect: [number, number, number, number] } | null;
  /** Room for the DER-encoded CMS, in bytes; /Contents holds twice as many hex digits. */
  contentsBytes: number;
}

/** Print (4) + Locked (128): printed with the page, and viewers may not move or delete it. */
const WIDGET_FLAGS = 132;
/** SignaturesExist (1) + AppendOnly (2): tells editors to save incrementally. */
const SIG_FLAGS = 3;

/**
 * Adds, as an incremental update, an unsigned signature field: the signature dictionary with
 * @signpdf's /ByteRange placeholder and a zero-filled /Contents, its widget on the requested page,
 * the page with the widget in /Annots and the form with the field in /Fields. @signpdf/signpdf then
 * fills /ByteRange and /Contents in place.
 */
export function addSignaturePlaceholder(pdf: Buffer, options: PlaceholderOptions): Buffer {
  const doc = new PdfDocument(pdf);
  if (doc.xref.trailer.entries.has('Encrypt')) {
    throw new PdfFormatError('PDF terenkripsi tidak dapat ditandatangani.');
  }
  const pages = doc.pageRefs();
  const pageRef = pages[options.widget?.pageIndex ?? 0];
  if (!pageRef) {
    throw new SigningError(`Halaman ${(options.widget?.pageIndex ?? 0) + 1} tidak ada di dokumen.`);
  }
  const rect = options.widget?.rect ?? [0, 0, 0, 0];
  if (!rect.every(Number.isFinite)) throw new SigningError('Posisi kotak tanda tangan tidak valid.');

  const catalogRef = doc.catalogRef();
  const catalog = doc.resolveDict(catalogRef, 'katalog');
  const formValue = catalog.entries.get('AcroForm');
  const form = formValue ? doc.resolveDict(formValue, 'formulir') : undefined;
  const fields = form ? arrayItems(doc, form.entries.get('Fields')) : [];

  const sizeValue = doc.xref.trailer.entries.get('Size');
  let next = sizeValue?.type === 'num' ? Number(sizeValue.text) : 0;
  const sigRef = ref(next++);
  const widgetRef = ref(next++);
  const appearanceRef = ref(next++);
  const formRef = formValue?.type === 'ref' ? formValue : ref(next++);

  const [x1, y1, x2, y2] = rect.map(formatNumber);
  const width = formatNumber(Math.abs(rect[2] - rect[0]));
  const height = formatNumber(Math.abs(rect[3] - rect[1]));
  const sigDict =
    `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /${SUBFILTER_ETSI_CADES_DETACHED}` +
    ` /M ${pdfTextString(formatPdfDate(options.signingTime))}` +
    ` /Name ${pdfTextString(options.signerName)} /Reason ${pdfTextString(options.reason)}` +
    ` /Location ${pdfTextString(options.location)}` +
    (options.contactInfo ? ` /ContactInfo ${pdfTextString(options.contactInfo)}` : '') +
    // @signpdf/signpdf looks for exactly this placeholder, then for the /Contents after it.
    ` /ByteRange [0 ${Array(3).fill(`/${DEFAULT_BYTE_RANGE_PLACEHOLDER}`).join(' ')}]` +
    ` /Contents <${'0'.repeat(options.contentsBytes * 2)}>>>`;
  const widget =
    `<</Type /Annot /Subtype /Widget /FT /Sig /T ${pdfTextString(fieldName(doc, fields))}` +
    ` /V ${at(sigRef)} /P ${at(pageRef)} /Rect [${x1} ${y1} ${x2} ${y2}] /F ${WIDGET_FLAGS}` +
    ` /AP <</N ${at(appearanceRef)}>>>>`;
  // The page content under the widget already shows the signature block: the appearance is empty.
  const appearance =
    `<</Type /XObject /Subtype /Form /BBox [0 0 ${width} ${height}] /Resources <<>> /Length 0>>` +
    '\nstream\n\nendstream';
  const page = doc.resolveDict(pageRef, 'halaman');
  const annots = arrayItems(doc, page.entries.get('Annots'));
  const objects: NewObject[] = [
    object(sigRef, sigDict),
    object(widgetRef, widget),
    object(appearanceRef, appearance),
    object(pageRef, withEntries(page, { Annots: array([...annots, widgetRef]) })),
    object(
      formRef,
      withEntries(form, {
        Fields: array([...fields, widgetRef]),
        SigFlags: { type: 'num', text: String(SIG_FLAGS) },
      }),
    ),
  ];
  if (formValue?.type !== 'ref') {
    // The form was missing or inline in the catalog: the catalog now points to the new form object.
    objects.push(object(catalogRef, withEntries(catalog, { AcroForm: formRef })));
  }
  return appendIncrementalUpdate(doc, objects);
}

/** A reference to a new object: numbers from the trailer's /Size on are unused, generation 0. */
function ref(num: number): PdfRef {
  return { type: 'ref', num, gen: 0 };
}

function at(r: PdfRef): string {
  return `${r.num} ${r.gen} R`;
}

function arrayItems(doc: PdfDocument, value: PdfValue | undefined): PdfValue[] {
  const resolved = doc.resolve(value);
  return resolved?.type === 'array' ? resolved.items : [];
}

function withEntries(dict: PdfDict | undefined, changes: Record<string, PdfValue>): PdfDict {
  const entries = new Map(dict?.entries);
  for (const [key, value] of Object.entries(changes)) entries.set(key, value);
  return { type: 'dict', entries };
}

function object(r: PdfRef, body: string | PdfDict): NewObject {
  return { num: r.num, gen: r.gen, body: typeof body === 'string' ? body : serializePdfValue(body) };
}

function array(items: PdfValue[]): PdfValue {
  return { type: 'array', items };
}

/** "Tanda Tangan N" with the smallest N no existing top-level field uses. */
function fieldName(doc: PdfDocument, fields: PdfValue[]): string {
  const taken = new Set(
    fields.map((field) => {
      const dict = doc.resolve(field);
      const name = dict?.type === 'dict' ? dict.entries.get('T') : undefined;
      return name?.type === 'str' ? name.bytes.toString('latin1') : '';
    }),
  );
  let n = 1;
  while (taken.has(`Tanda Tangan ${n}`)) n += 1;
  return `Tanda Tangan ${n}`;
}

/** PDF numbers have no exponent form; four decimals are far below a printer's dot. */
function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}
