import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

export interface LinkBox {
  pageIndex: number;
  /** [x1, y1, x2, y2] in PDF user space (points, origin lower left), as in /Rect. */
  rect: [number, number, number, number];
}

const LINK = PDFName.of('Link');

/** Chromium writes hrefs normalised (e.g. a lower-case host), so both sides are compared that way. */
function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * Where a document links to `uri`: the union of the Link annotations with that URI (Chromium may
 * write one per box of a block), or null when there is none. Reads only; the PDF is not rewritten.
 * Throws when the links are on more than one page, since one signature widget cannot cover them.
 */
export function findLinkBox(doc: PDFDocument, uri: string): LinkBox | null {
  const target = normalizeUrl(uri);
  let found: LinkBox | null = null;
  doc.getPages().forEach((page, pageIndex) => {
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots?.lookupMaybe(i, PDFDict);
      if (annot?.get(PDFName.of('Subtype')) !== LINK) continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const link = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (!link || normalizeUrl(link.decodeText()) !== target) continue;
      const { x, y, width, height } = annot.lookup(PDFName.of('Rect'), PDFArray).asRectangle();
      const rect: LinkBox['rect'] = [
        Math.min(x, x + width),
        Math.min(y, y + height),
        Math.max(x, x + width),
        Math.max(y, y + height),
      ];
      if (found && found.pageIndex !== pageIndex) {
        throw new Error(`links to ${uri} are on pages ${found.pageIndex + 1} and ${pageIndex + 1}`);
      }
      found = found
        ? {
            pageIndex,
            rect: [
              Math.min(found.rect[0], rect[0]),
              Math.min(found.rect[1], rect[1]),
              Math.max(found.rect[2], rect[2]),
              Math.max(found.rect[3], rect[3]),
            ],
          }
        : { pageIndex, rect };
    }
  });
  return found;
}
