/**
 * Helpers for the incoming-letter API tests: a paper letter's form (metadata + scan), a tiny real PDF,
 * multipart calls with a bearer token, and a Server-Sent Events client that timestamps each event.
 */
import http from 'node:http';
import type { ApiResponse } from './letter-story';
import { DEMO_PASSWORD } from './seeded';

/** Bearer tokens by username, for the calls LettersApi does not make (multipart, SSE). */
export async function loginTokens(baseUrl: string, usernames: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const username of usernames) {
    const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`login ${username}: ${res.status}`);
    out[username] = ((await res.json()) as { token: string }).token;
  }
  return out;
}

/** A small, well-formed PDF (one empty page); `tag` makes its bytes (and so its hash) unique. */
export function tinyPdf(tag = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = `%PDF-1.4\n%${tag}\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The metadata fields of a paper letter, as the registration form sends them. */
export function paperMeta(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    senderName: 'Kementerian Dalam Negeri',
    number: '400.10/1234/SJ',
    letterDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
    subject: 'Undangan Rapat Koordinasi Persuratan Elektronik',
    sifat: 'biasa',
    urgency: 'segera',
    classification: '000',
    ...overrides,
  };
}

/** A multipart form of the given fields and (optionally) one file. */
export function formOf(
  fields: Record<string, string>,
  file?: { field: string; bytes: Buffer; name: string; type?: string },
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) {
    form.append(
      file.field,
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  return form;
}

/** A multipart POST with the given bearer token; never throws for an HTTP status. */
export async function postForm(
  baseUrl: string,
  token: string,
  path: string,
  form: FormData,
): Promise<ApiResponse> {
  const start = process.hrtime.bigint();
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Registers a paper letter with a PDF scan (admin's token); answers `{id, agendaNumber, status}`. */
export async function registerPaperLetter(
  baseUrl: string,
  adminToken: string,
  overrides: Record<string, string> = {},
): Promise<{ id: number; agendaNumber: string; status: string }> {
  const res = await postForm(
    baseUrl,
    adminToken,
    '/api/v1/incoming',
    formOf(paperMeta(overrides), { field: 'scan', bytes: tinyPdf(String(Math.random())), name: 'surat.pdf' }),
  );
  if (res.status !== 201) throw new Error(`register paper letter: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ReceivedEvent {
  event: string;
  data: unknown;
  /** performance.now() when it was parsed. */
  at: number;
}

export interface EventStreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: ReceivedEvent[];
  /** Resolves with the first event (already received or coming) that matches; rejects after timeoutMs. */
  next(match: (e: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

/** Connects to /api/v1/events with a plain HTTP request and parses the stream as it arrives. */
export function openEventStream(baseUrl: string, token: string | null): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}/api/v1/events`,
      { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        const events: ReceivedEvent[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (!event || data === undefined) continue;
            events.push({ event, data: JSON.parse(data), at: performance.now() });
          }
          for (const w of waiters) w();
        });
        res.on('error', () => undefined);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          events,
          next(match, timeoutMs = 10_000) {
            return new Promise((ok, fail) => {
              const check = () => {
                const found = events.find(match);
                if (!found) return;
                clearTimeout(timer);
                waiters.delete(check);
                ok(found);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
              }, timeoutMs);
              waiters.add(check);
              check();
            });
          },
          close() {
            req.destroy();
          },
        });
      },
    );
    req.on('error', reject);
  });
}
