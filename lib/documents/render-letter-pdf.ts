import { PDFDocument } from 'pdf-lib';
import type { BrowserPool } from '../pdf/browser-pool';
import { findLinkBox, type LinkBox } from '../pdf/find-link-box';
import type { LetterRenderInput } from './letter-render-input';
import { renderLetterHtml } from './render-letter-html';

export interface RenderedLetter {
  pdf: Buffer;
  pageCount: number;
  /** Where the signed signature block is drawn: the signing step puts its visible widget there. */
  signatureBox: LinkBox | null;
}

/** Renders a letter to PDF and locates its signature block (signed layout only). */
export async function renderLetterPdf(pool: BrowserPool, input: LetterRenderInput): Promise<RenderedLetter> {
  const pdf = await pool.renderPdf(renderLetterHtml(input));
  // Read only: re-saving with pdf-lib would rewrite the file the signature is computed over.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const signatureBox = input.signature ? findLinkBox(doc, input.signature.verifyUrl) : null;
  if (input.signature && !signatureBox) {
    throw new Error('the signed letter has no link annotation for its signature block');
  }
  return { pdf, pageCount: doc.getPageCount(), signatureBox };
}
