import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileStore } from '../../lib/storage/file-store';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('file store on %s', (kind) => {
  let t: TestDatabase;
  let store: FileStore;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    store = new FileStore(t.db, path.join(t.dataDir, 'files'));
  });
  afterAll(() => t.drop());

  it('stores bytes by their SHA-256 once, and reads them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 contoh naskah dinas');
    const a = await store.put(bytes, { mime: 'application/pdf', originalName: 'surat.pdf' });
    const b = await store.put(bytes, { mime: 'application/pdf', originalName: 'salinan.pdf' });
    expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(b).toEqual(a);
    expect(a).toMatchObject({ size: bytes.length, mime: 'application/pdf', originalName: 'surat.pdf' });
    expect(await store.read(a)).toEqual(bytes);
    expect((await store.get(a.id)).sha256).toBe(a.sha256);
    expect(Number((await t.db('files').count({ n: '*' }))[0].n)).toBe(1);
  });

  it('refuses to serve a file altered on disk', async () => {
    const f = await store.put(Buffer.from('asli'), { mime: 'text/plain' });
    const file = path.join(t.dataDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256);
    fs.chmodSync(file, 0o640);
    fs.writeFileSync(file, 'palsu');
    await expect(store.read(f)).rejects.toThrow(/altered/);
  });
});
