import argon2 from 'argon2';

/** argon2id; the memory cost comes from configuration (OWASP's minimum, 19 MiB, by default). */
export function hashPassword(plain: string, memoryKib: number): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id, memoryCost: memoryKib, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}
