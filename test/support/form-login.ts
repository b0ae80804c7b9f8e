import type { Server } from 'node:http';
import request from 'supertest';
import { DEMO_PASSWORD } from './seeded';

/** The CSRF token a page's form carries. */
export function csrfIn(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** The login form's CSRF token and the double-submit cookie that goes with it. */
export async function openLoginForm(server: Server): Promise<{ csrf: string; cookie: string }> {
  const page = await request(server).get('/login');
  const cookie = String(page.headers['set-cookie']).match(/eoffice_login_csrf=[^;]+/)![0];
  return { csrf: csrfIn(page.text)!, cookie };
}

/** Logs in through the form, as a browser does; `cookie` is the session cookie it was given, if any. */
export async function formLogin(
  server: Server,
  username: string,
  options: { password?: string; next?: string; extraCookie?: string } = {},
): Promise<{ response: request.Response; cookie: string | undefined }> {
  const form = await openLoginForm(server);
  const response = await request(server)
    .post('/login')
    .set('Cookie', [form.cookie, options.extraCookie].filter(Boolean).join('; '))
    .type('form')
    .send({ _csrf: form.csrf, username, password: options.password ?? DEMO_PASSWORD, next: options.next });
  const cookie = String(response.headers['set-cookie'] ?? '').match(/eoffice_session=[^;]+/)?.[0];
  return { response, cookie };
}
