import { TEMPLATES } from '../../templates';
import { parseInput } from '../validation/parse-input';
import { letterRenderInputSchema, type LetterRenderInput } from './letter-render-input';
import { qrSvgDataUrl } from './qr-svg-data-url';
import { renderTemplate } from './render-template';
import { validateLetterFields } from './validate-letter-fields';

/**
 * The complete, self-contained HTML of a letter (styles, emblem and QR code inline), ready for the
 * PDF renderer. Every value is escaped except the kind's rich-text body, which the caller sanitises.
 * Throws a ValidationError (Indonesian, per field) when the input or the kind's fields are invalid.
 */
export function renderLetterHtml(input: LetterRenderInput): string {
  const letter = parseInput(letterRenderInputSchema, input);
  const fields = validateLetterFields(letter.kind, letter.fields);
  const { signer, signature } = letter;
  return renderTemplate(letter.kind, {
    ...letter,
    fields,
    kindLabel: TEMPLATES[letter.kind].label,
    lampiranText: letter.lampiran || '-',
    signerTitle: signer.actingPrefix ? `${signer.actingPrefix} ${signer.position}` : signer.position,
    signature: signature && { verifyUrl: signature.verifyUrl, qrDataUrl: qrSvgDataUrl(signature.verifyUrl) },
  });
}
