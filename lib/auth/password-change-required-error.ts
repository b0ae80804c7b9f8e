import { AppError } from '../errors';

/** An account whose password was reset by an administrator may do nothing else until it changes it. */
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(
      403,
      'password_change_required',
      'Kata sandi Anda telah disetel ulang oleh administrator. Ganti kata sandi terlebih dahulu (POST /api/v1/account/password atau halaman /akun/sandi).',
    );
  }
}
