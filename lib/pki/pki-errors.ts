import { AppError } from '../errors';

/**
 * Errors of the certificate authority. Their messages reach users, so they are in Indonesian and never
 * carry a passphrase, a key or the CA secret.
 */

export class CaNotInitializedError extends AppError {
  constructor() {
    super(
      503,
      'ca_not_initialized',
      'Otoritas sertifikat (Root CA) belum disiapkan. Jalankan perintah `eoffice ca init` terlebih dahulu.',
    );
  }
}

/** The CA key does not open with the configured secret: an operator problem, not a user one. */
export class CaKeyUnreadableError extends AppError {
  constructor() {
    super(
      500,
      'ca_key_unreadable',
      'Kunci privat Root CA tidak dapat dibuka: rahasia CA (CA_KEY_SECRET) tidak cocok atau berkas kunci rusak.',
    );
  }
}

export class PassphraseTooShortError extends AppError {
  constructor(minLength: number) {
    super(400, 'passphrase_too_short', `Passphrase sertifikat minimal ${minLength} karakter.`);
  }
}

export class PassphraseTooLongError extends AppError {
  constructor(maxLength: number) {
    super(400, 'passphrase_too_long', `Passphrase sertifikat maksimal ${maxLength} karakter.`);
  }
}

export class SignerNotEligibleError extends AppError {
  constructor(message: string) {
    super(422, 'signer_not_eligible', message);
  }
}

export class ActiveCertificateExistsError extends AppError {
  constructor(public readonly serial: string) {
    super(
      409,
      'certificate_exists',
      `Pengguna ini masih memiliki sertifikat aktif (nomor seri ${serial}). ` +
        'Gunakan penerbitan ulang (perpanjang) untuk menggantinya, atau cabut sertifikat itu lebih dahulu.',
    );
  }
}

export class CertificateRevokedError extends AppError {
  constructor() {
    super(
      409,
      'certificate_revoked',
      'Sertifikat ini telah dicabut dan tidak dapat dipakai untuk menandatangani.',
    );
  }
}

export class CertificateExpiredError extends AppError {
  constructor() {
    super(
      409,
      'certificate_expired',
      'Masa berlaku sertifikat ini telah habis. Ajukan penerbitan sertifikat baru.',
    );
  }
}

export class CertificateAlreadyRevokedError extends AppError {
  constructor() {
    super(409, 'certificate_already_revoked', 'Sertifikat ini sudah dicabut sebelumnya.');
  }
}

export class WrongPassphraseError extends AppError {
  constructor() {
    super(422, 'wrong_passphrase', 'Passphrase sertifikat salah.');
  }
}

/** Internal: decryption failed (wrong passphrase or secret); callers turn it into one of the above. */
export class DecryptionFailedError extends Error {
  constructor() {
    super('decryption failed');
    this.name = 'DecryptionFailedError';
  }
}
