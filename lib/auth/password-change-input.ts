import { z } from 'zod';

/** POST /api/v1/account/password and the /akun/sandi form; the rules on the new one are checkNewPassword's. */
export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1, 'wajib diisi').max(256, 'terlalu panjang'),
  newPassword: z.string().min(1, 'wajib diisi').max(256, 'terlalu panjang'),
});
