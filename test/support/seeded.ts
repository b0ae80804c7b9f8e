import { seedDemo } from '../../lib/seed/seed-demo';
import type { TestDatabase } from './test-database';

export const DEMO_PASSWORD = 'Uji-Sandi#2026';

export async function seedTestDatabase(t: TestDatabase): Promise<void> {
  await seedDemo(t.db, { password: DEMO_PASSWORD, hashMemoryKib: t.config.auth.passwordHashMemoryKib });
}
