import { setTimeout as sleep } from 'node:timers/promises';
import Koa from 'koa';
import request from 'supertest';
import { handleErrors } from '../../api/middleware/handle-errors';
import { requestId } from '../../api/middleware/request-id';
import { PageRenderer } from '../../web/render';
import { memoryLog } from '../support/memory-log';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A write that MariaDB gives up because it met another (here a real deadlock, the request's transaction
 * being the lighter one and so the victim) is a passing state: the caller gets a 503 that says to try
 * again, nothing of it is kept, and the log has a warning, not an unexpected error.
 */
describe('a request whose write loses a lock conflict on MariaDB', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase('mysql');
    await t.db.schema.createTable('lock_rows', (table) => {
      table.integer('id').primary();
      table.string('by', 20).notNullable();
    });
    await t.db.schema.createTable('lock_ballast', (table) => {
      table.increments('id');
      table.integer('n').notNullable();
    });
    await t.db('lock_rows').insert([
      { id: 1, by: 'awal' },
      { id: 2, by: 'awal' },
    ]);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** Until the request's update of row 2 is waiting (a fixed sleep can be too short under load). */
  async function waitForRequestOnRow2(): Promise<void> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(20)) {
      const [{ n }] = await t
        .db('information_schema.processlist')
        .where('db', t.db.raw('database()'))
        .where('info', 'like', 'update `lock_rows`%`id` = 2')
        .count({ n: '*' });
      if (Number(n) > 0) return;
    }
    throw new Error('the request never waited for row 2');
  }

  it('answers 503 with Retry-After, keeps nothing of it, and logs a warning', async () => {
    const { lines, logger } = memoryLog('web');
    const app = new Koa();
    app.use(requestId(logger));
    app.use(handleErrors(new PageRenderer({ instanceName: 'Uji', cache: true })));
    app.use(async (ctx) => {
      await t.db.transaction(async (trx) => {
        await trx('lock_rows').where({ id: 1 }).update({ by: 'permintaan' });
        await trx('lock_rows').where({ id: 2 }).update({ by: 'permintaan' });
      });
      ctx.body = { ok: true };
    });
    const server = app.listen(0);
    const other = await t.db.transaction();
    try {
      // Heavier than the request's transaction, so MariaDB picks the request as the victim.
      await other('lock_ballast').insert(Array.from({ length: 200 }, (_, n) => ({ n })));
      await other('lock_rows').where({ id: 2 }).update({ by: 'lain' });
      const answer = request(server)
        .post('/api/v1/apa-saja')
        .then((r) => r); // sends it now
      // Once the request holds row 1 and waits for row 2, taking row 1 closes the cycle.
      await waitForRequestOnRow2();
      await other('lock_rows').where({ id: 1 }).update({ by: 'lain' });
      await other.commit();

      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toEqual({
        error: {
          code: 'service_unavailable',
          message: 'Data ini sedang diubah bersamaan oleh pengguna lain. Coba lagi sebentar lagi.',
        },
      });
      expect(await t.db('lock_rows').orderBy('id').pluck('by')).toEqual(['lain', 'lain']);
      const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; service?: string });
      expect(logged.filter((l) => l.msg === 'service unavailable')).toEqual([
        expect.objectContaining({ level: 40, service: 'busy' }),
      ]);
      expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    } finally {
      if (!other.isCompleted()) await other.rollback();
      server.close();
    }
  });
});
