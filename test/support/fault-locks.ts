import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';

/**
 * Row locks a test holds in MariaDB to stop the worker at an exact point of an activity, with no hook
 * in the product: the worker's transaction waits on the lock (InnoDB "LOCK WAIT") until the test
 * releases it or kills the worker. Each lock is a transaction of its own on one pooled connection.
 */

export interface HeldLock {
  /** Rolls the test's transaction back: the lock is gone, nothing was written. */
  release(): Promise<void>;
}

/** Runs `lockingRead` (a SELECT … FOR UPDATE) in a new transaction and keeps it open. */
export async function holdLock(
  db: Knex,
  lockingRead: (trx: Knex.Transaction) => Promise<unknown>,
): Promise<HeldLock> {
  const trx = await db.transaction();
  await lockingRead(trx);
  return { release: () => trx.rollback().then(() => undefined) };
}

/** How many transactions on this database wait for a row lock now. */
export async function lockWaits(db: Knex): Promise<number> {
  const [rows] = await db.raw(
    `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t
       JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
      WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()`,
  );
  return Number(rows[0].n);
}

/**
 * Polls until `count` transactions wait for a lock: the worker reached the points the test holds.
 * InnoDB refreshes what INNODB_TRX shows only when it was not read for 0.1 s: so no faster polling.
 */
export async function waitForLockWaits(db: Knex, count: number, timeoutMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(200)) {
    const waiting = await lockWaits(db);
    if (waiting >= count) return;
    if (Date.now() > deadline) {
      const [sessions] = await db.raw(
        `SELECT ID, COMMAND, TIME, STATE, INFO FROM information_schema.PROCESSLIST
          WHERE DB = DATABASE() AND COMMAND <> 'Sleep'`,
      );
      throw new Error(
        `${waiting} of ${count} lock waits after ${timeoutMs} ms; busy sessions:\n${JSON.stringify(sessions, null, 1)}`,
      );
    }
  }
}
