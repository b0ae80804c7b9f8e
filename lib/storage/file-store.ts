import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { NotFoundError } from '../errors';

export interface StoredFile {
  id: number;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
}

interface PutMeta {
  mime: string;
  originalName?: string;
  createdBy?: number | null;
}

/**
 * Content-addressed, immutable file storage: bytes live under `<dir>/<aa>/<bb>/<sha256>`, metadata in
 * the `files` table. Storing the same bytes twice returns the existing record.
 */
export class FileStore {
  constructor(
    private readonly db: Knex,
    private readonly dir: string,
  ) {}

  private pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Writes the bytes (atomically, once) and records them; pass the caller's transaction if any. */
  async put(bytes: Buffer, meta: PutMeta, trx: Knex | Knex.Transaction = this.db): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    try {
      await fs.access(target);
    } catch {
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(temp, bytes, { mode: 0o440 });
      await fs.rename(temp, target);
    }
    const existing = await trx('files').where({ sha256 }).first();
    if (!existing) {
      await trx('files').insert({
        sha256,
        size: bytes.length,
        mime: meta.mime,
        original_name: (meta.originalName ?? '').slice(0, 255),
        created_by: meta.createdBy ?? null,
        created_at: new Date(),
      });
    }
    return this.describe(await trx('files').where({ sha256 }).first());
  }

  async get(id: number, trx: Knex | Knex.Transaction = this.db): Promise<StoredFile> {
    const row = await trx('files').where({ id }).first();
    if (!row) throw new NotFoundError('Berkas tidak ditemukan.');
    return this.describe(row);
  }

  async findBySha256(sha256: string): Promise<StoredFile | null> {
    const row = await this.db('files').where({ sha256 }).first();
    return row ? this.describe(row) : null;
  }

  /** The bytes, checked against their address: a file changed on disk is refused, not served. */
  async read(file: Pick<StoredFile, 'sha256'>): Promise<Buffer> {
    const bytes = await fs.readFile(this.pathOf(file.sha256));
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      throw new Error(`file store: ${file.sha256} was altered on disk`);
    }
    return bytes;
  }

  private describe(row: Record<string, unknown>): StoredFile {
    return {
      id: Number(row.id),
      sha256: String(row.sha256),
      size: Number(row.size),
      mime: String(row.mime),
      originalName: String(row.original_name),
    };
  }
}
