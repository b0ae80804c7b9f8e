/**
 * Typed errors of the domain. The HTTP layer maps them to a status in one place (api/middleware/
 * handle-errors.ts); their messages are shown to users, so they are in Indonesian and carry no secret.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message = 'Data yang dikirim tidak valid.', details?: unknown) {
    super(400, 'validation_failed', message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Silakan masuk terlebih dahulu.') {
    super(401, 'unauthenticated', message);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'NIP/nama pengguna atau kata sandi salah.');
  }
}

export class AccountLockedError extends AppError {
  constructor(public readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'account_locked',
      `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`,
    );
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Anda tidak berwenang melakukan tindakan ini.') {
    super(403, 'forbidden', message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(
      403,
      'csrf_invalid',
      'Sesi formulir tidak valid atau kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    );
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Data tidak ditemukan.') {
    super(404, 'not_found', message);
  }
}

const UNAVAILABLE = {
  database: 'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
  workflow: 'Layanan alur surat sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
  busy: 'Data ini sedang diubah bersamaan oleh pengguna lain. Coba lagi sebentar lagi.',
};

/**
 * A passing state, so the client may retry: the database or the workflow service (Temporal) cannot be
 * reached (stopped, restarting, network), or the database gave up on a write that met another one
 * (a deadlock, a lock wait too long); the write was rolled back whole.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    readonly service: keyof typeof UNAVAILABLE,
    public readonly retryAfterSeconds = service === 'busy' ? 2 : 10,
  ) {
    super(503, 'service_unavailable', UNAVAILABLE[service]);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}
