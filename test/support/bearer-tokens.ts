import type { Server } from 'node:http';
import request from 'supertest';
import { DEMO_PASSWORD } from './seeded';

/** Bearer tokens by username for seeded people, logged in through the real token route. */
export async function bearerTokens(server: Server, usernames: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) {
    const res = await request(server).post('/api/v1/auth/token').send({ username, password: DEMO_PASSWORD });
    if (res.status !== 201) throw new Error(`login ${username}: ${res.status}`);
    tokens[username] = res.body.token;
  }
  return tokens;
}
