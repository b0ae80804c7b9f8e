import { hashPassword, verifyPassword } from '../../lib/auth/password';
import { hashToken, newSecretToken } from '../../lib/auth/secret-token';

describe('password hashing', () => {
  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const a = await hashPassword('Rahasia#123', 1024);
    const b = await hashPassword('Rahasia#123', 1024);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=2\$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain('Rahasia');
    await expect(verifyPassword(a, 'Rahasia#123')).resolves.toBe(true);
    await expect(verifyPassword(a, 'rahasia#123')).resolves.toBe(false);
    await expect(verifyPassword('bukan-hash', 'Rahasia#123')).resolves.toBe(false);
  });
});

describe('session tokens', () => {
  it('are random and stored only as their SHA-256', () => {
    const t = newSecretToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecretToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
  });
});
