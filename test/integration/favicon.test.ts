import type { Server } from 'node:http';
import request from 'supertest';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** /favicon.ico is served to anyone: browsers and Chromium's PDF viewer ask for it on their own. */
let t: TestDatabase;
let server: Server;

beforeAll(async () => {
  t = await createTestDatabase('sqlite');
  server = createTestApp(t.config, t.db).listen(0);
});

afterAll(async () => {
  server?.close();
  await t?.drop();
});

it('answers /favicon.ico with the icon, without logging in', async () => {
  const res = await request(server).get('/favicon.ico').expect(200);
  expect(res.headers['content-type']).toMatch(/icon/);
  expect(res.headers['cache-control']).toContain('max-age=86400');
});
