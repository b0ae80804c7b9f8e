import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';

const ATTEMPTS = 5;

const isDeadlock = (error: unknown) => {
  const e = error as { code?: string; errno?: number } | null;
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.errno === 1213;
};

/**
 * Runs `work` in a transaction, and again from the start when MariaDB ends it as a deadlock's victim
 * (it rolls the whole transaction back and asks for exactly this). Letters drafted at the same moment
 * that add the same new words to the search vocabulary lock each other's rows that way. `work` must
 * touch nothing but the database (or do only what is safe twice). Inside a caller's transaction there
 * is nothing to retry here: the caller's whole transaction is gone, so the error goes up.
 */
export async function transactionRetryingDeadlocks<T>(
  db: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isDeadlock(error) || attempt === ATTEMPTS || db.isTransaction) throw error;
      // Apart at random, so the same transactions do not meet again at the same moment.
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
