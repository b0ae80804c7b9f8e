import { AppError } from '../errors';

/** The PDF cannot be read or updated by our incremental writer; the message says why, in Indonesian. */
export class PdfFormatError extends AppError {
  constructor(message: string) {
    super(422, 'pdf_unreadable', message);
  }
}

/**
 * Signing failed for a reason the signer can act on (wrong key, page out of range). Never carries a
 * cause: the cause of a crypto failure may quote key material.
 */
export class SigningError extends AppError {
  constructor(message: string) {
    super(422, 'signing_failed', message);
  }
}
