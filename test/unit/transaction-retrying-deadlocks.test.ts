import type { Knex } from 'knex';
import { transactionRetryingDeadlocks } from '../../lib/db/transaction-retrying-deadlocks';

const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
  code: 'ER_LOCK_DEADLOCK',
  errno: 1213,
});

/** A stand-in for knex whose transaction() fails with each of `failures` in turn, then runs the work. */
function fakeDb(failures: unknown[], isTransaction = false) {
  let calls = 0;
  const db = {
    isTransaction,
    transaction: async (work: (trx: unknown) => Promise<unknown>) => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return work({});
    },
  };
  return { db: db as unknown as Knex, calls: () => calls };
}

describe('transactionRetryingDeadlocks', () => {
  it('runs the transaction again after a deadlock, and gives its result', async () => {
    const { db, calls } = fakeDb([deadlock, deadlock]);
    await expect(transactionRetryingDeadlocks(db, async () => 'done')).resolves.toBe('done');
    expect(calls()).toBe(3);
  });

  it('gives up after five deadlocks in a row', async () => {
    const { db, calls } = fakeDb(Array.from({ length: 6 }, () => deadlock));
    await expect(transactionRetryingDeadlocks(db, async () => 'done')).rejects.toBe(deadlock);
    expect(calls()).toBe(5);
  });

  it('does not repeat other errors, nor work inside a caller’s transaction', async () => {
    const refused = new Error('Surat tidak ditemukan.');
    const other = fakeDb([refused]);
    await expect(transactionRetryingDeadlocks(other.db, async () => 'done')).rejects.toBe(refused);
    expect(other.calls()).toBe(1);

    const nested = fakeDb([deadlock], true);
    await expect(transactionRetryingDeadlocks(nested.db, async () => 'done')).rejects.toBe(deadlock);
    expect(nested.calls()).toBe(1);
  });
});
