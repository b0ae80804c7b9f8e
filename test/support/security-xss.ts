import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createLogger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { bearerTokens } from './bearer-tokens';
import { formLogin } from './form-login';
import { addClassification } from './letters';
import { seedTestDatabase } from './seeded';
import { createTestApp } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
export const TEMPLATE = '{{7*7}}';
/** What the XSS tests type into every free-text field. */
export const PAYLOAD = `Uji ${SCRIPT} ${IMG} ${TEMPLATE}`;
/** Markup that would run if any payload came out unescaped. */
export const LIVE = [/<script>alert\(1\)/i, /<img src=x onerror/i, /href="javascript:/i];

/** The page holds no live payload, and shows the payload as text (escaped tag, template braces as typed). */
export function expectInert(url: string, html: string): void {
  for (const live of LIVE) expect([url, live.test(html)]).toEqual([url, false]);
  expect([url, html.includes('&lt;script&gt;alert(1)&lt;/script&gt;')]).toEqual([url, true]);
  expect([url, html.includes(TEMPLATE)]).toEqual([url, true]);
}

/** Reads a binary answer (a PDF) whole into res.body. */
export function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

export interface XssApp {
  t: TestDatabase;
  server: Server;
  /** Bearer token and session cookie of each user asked for. */
  tokens: Record<string, string>;
  cookies: Record<string, string>;
  /** A page as `username` (cookie session); it must answer 200. */
  page(username: string, url: string): Promise<string>;
  close(): Promise<void>;
}

/** The seeded regency behind the app with a real PDF pool, `users` logged in by token and by form. */
export async function startXssApp(users: string[], temporal?: () => Promise<Client>): Promise<XssApp> {
  const t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  await addClassification(t.db);
  const pdf = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
  const server = createTestApp(t.config, t.db, temporal, createLogger('silent'), pdf).listen(0);
  const tokens = await bearerTokens(server, users);
  const cookies: Record<string, string> = {};
  for (const username of users) cookies[username] = (await formLogin(server, username)).cookie!;
  return {
    t,
    server,
    tokens,
    cookies,
    async page(username, url) {
      const res = await request(server).get(url).set('Cookie', cookies[username]);
      expect([url, res.status]).toEqual([url, 200]);
      return res.text;
    },
    async close() {
      server.close();
      await pdf.close();
      await t.drop();
    },
  };
}
