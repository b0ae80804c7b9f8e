import request from 'supertest';

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
