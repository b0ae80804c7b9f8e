import { X509Certificate, type KeyObject } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { AppError } from '../errors';
import { pdfSignDuration } from '../metrics/metrics';
import { addSignaturePlaceholder } from './add-signature-placeholder';
import { CadesSigner } from './cades-signer';
import { SigningError } from './signing-errors';

export interface SignPdfInput {
  privateKey: KeyObject;
  /** The signer's certificate first, then its issuers up to the root. */
  chainPem: string[];
  signerName: string;
  reason: string;
  location: string;
  contactInfo?: string;
  /** The claimed signing time written to /M; defaults to now. */
  signingTime?: Date;
  /** Where the visible signature block is (PDF user space, origin bottom left); null: invisible. */
  widget?: { pageIndex: number; rect: [number, number, number, number] } | null;
}

/** Room for the CMS: the chain (about 1 KiB per certificate) plus signature and attributes. */
const CONTENTS_BYTES = 8192;

/**
 * Signs a PDF (PAdES baseline B-B) as an incremental update: the input bytes stay an exact prefix of
 * the output, so earlier signatures stay valid. Errors are typed and never quote key material.
 */
export async function signPdf(pdf: Buffer, input: SignPdfInput): Promise<Buffer> {
  const { privateKey, chainPem } = input;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new SigningError('Kunci penandatanganan harus berupa kunci privat RSA.');
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(chainPem[0]);
  } catch {
    throw new SigningError('Sertifikat penandatangan tidak valid.');
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new SigningError('Kunci privat tidak cocok dengan sertifikat penandatangan.');
  }
  const endTimer = pdfSignDuration.startTimer();
  try {
    const prepared = addSignaturePlaceholder(pdf, {
      signerName: input.signerName,
      reason: input.reason,
      location: input.location,
      contactInfo: input.contactInfo,
      signingTime: input.signingTime ?? new Date(),
      widget: input.widget ?? null,
      contentsBytes: CONTENTS_BYTES,
    });
    const signed = await new SignPdf().sign(prepared, new CadesSigner(privateKey, chainPem));
    endTimer();
    return signed;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Anything else is a defect or a crypto failure; its message is not fit for users or logs.
    throw new SigningError('Dokumen gagal ditandatangani karena kesalahan internal.');
  }
}
