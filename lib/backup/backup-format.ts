/**
 * The e-Office backup archive (.eob): an encrypted tar. Inside the tar, in this order:
 * `manifest.json`, `db/<table>.jsonl` (one JSON object per row, in primary-key order), `files/<aa>/<bb>/<sha256>`
 * (the content-addressed file store) and `pki/<name>` (the CA material). The manifest comes first so a
 * reader can check every later member's SHA-256 as it streams past.
 */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_MEMBER = 'manifest.json';

/** How a column's values are written: datetimes as ISO strings, binary as base64, the rest as JSON. */
export type ColumnKind = 'datetime' | 'binary' | 'plain';

export interface ManifestTable {
  name: string;
  rows: number;
  columns: Record<string, ColumnKind>;
}

export interface BackupManifest {
  formatVersion: number;
  eofficeVersion: string;
  createdAt: string;
  databaseClient: 'sqlite' | 'mysql';
  /** knex_migrations names, in order: the schema the rows belong to. */
  migrations: string[];
  /** In load order (referenced tables first). */
  tables: ManifestTable[];
  fileCount: number;
  /** SHA-256 (hex) of every other member, by member name. */
  members: Record<string, string>;
}

/** Tables a dump leaves out: knex's own bookkeeping (migrations come back by migrating). */
export const SKIPPED_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

/** CA material copied from `config.pki.dir`, when present. */
export const PKI_MEMBERS = ['root.crt', 'root.key', 'crl.der', 'ca-key.secret'];

/** The member name of a file of the content-addressed store, as it lies under `config.filesDir`. */
export const fileMember = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
