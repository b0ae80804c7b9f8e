import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';
import { DEFAULT_FIELD_MAP, STAFF_FIELDS, type StaffFieldMap } from './staff-sync/staff-fields';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every setting of e-Office, read from the environment. Defaults give the embedded demo instance;
 * README.md documents each variable and .env.example lists them.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb|sqlite):/, 'harus diawali mysql://, mariadb:// atau sqlite:')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('eoffice'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_CLI: z.string().min(1).optional(),
  // An existing cluster behind TLS (mutual TLS when a client certificate is given).
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  SESSION_TTL_HOURS: positiveInt.default(12),
  TOKEN_TTL_HOURS: positiveInt.default(24),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_LOCK_MINUTES: positiveInt.default(15),
  BODY_LIMIT_KB: positiveInt.default(1024),
  COOKIE_SECURE: flag.optional(),
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  DEMO_PASSWORD: z.string().min(8, 'minimal 8 karakter').default('Kuansing#2026'),
  DEMO_PASSPHRASE: z.string().min(8, 'minimal 8 karakter').default('TandaTangan#2026'),
  CA_KEY_SECRET: z.string().min(16, 'minimal 16 karakter').optional(),
  CERT_VALIDITY_DAYS: positiveInt.default(730),
  P12_KDF_ITERATIONS: z.coerce.number().int().min(10_000).default(600_000),
  CHROMIUM_PATH: z.string().min(1).optional(),
  PDF_POOL_SIZE: positiveInt.optional(),
  UPLOAD_MAX_MB: positiveInt.default(20),
  STEP_HOURS_SANGAT_SEGERA: positiveInt.default(4),
  STEP_HOURS_SEGERA: positiveInt.default(24),
  STEP_HOURS_BIASA: positiveInt.default(72),
  REMINDER_BEFORE_HOURS: z.coerce.number().int().min(0).default(2),
  DISPOSITION_REMINDER_BEFORE_HOURS: z.coerce.number().int().min(0).default(24),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'harus diawali smtp:// atau smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('e-Office Kuantan Singingi <noreply@kuansing.go.id>'),
  SEED_DEMO: flag.default(true),
  SMART_URL: z.string().url().optional(),
  SMART_TOKEN: z.string().min(1).optional(),
  SMART_FIELD_MAP: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'harus berupa JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(z.enum(STAFF_FIELDS), z.string().min(1)))
    .optional(),
  SMART_SYNC_CRON: z.string().min(9).default('0 2 * * *'),
  AGENDA_REMINDER_MINUTES: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'daftar menit dipisah koma, mis. 1440,60')
    .default('1440,60'),
  AGENDA_OVERDUE_REPEAT_HOURS: z.coerce.number().int().min(0).default(24),
  METRICS_TOKEN: z.string().min(16, 'minimal 16 karakter').optional(),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
});

export type RawConfig = z.infer<typeof schema>;

export interface TemporalTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  serverName?: string;
}

export interface Config {
  env: RawConfig['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** The content-addressed file store (PDFs, scans, attachments, PKCS#12 files). */
  filesDir: string;
  database: { client: 'sqlite'; filename: string } | { client: 'mysql'; url: string };
  logLevel: RawConfig['LOG_LEVEL'];
  temporal: {
    /** Set: use that server. Unset: `eoffice start` runs an embedded dev server. */
    address?: string;
    embedded: boolean;
    namespace: string;
    taskQueue: string;
    port: number;
    uiPort: number;
    /** The Temporal web UI's base URL; unset: the embedded server's UI on the page's host. */
    uiUrl?: string;
    cli?: string;
    /** Set: connect with TLS; files are PEM, unset ones fall back to the system's roots / no client certificate. */
    tls?: TemporalTls;
  };
  auth: {
    sessionTtlHours: number;
    tokenTtlHours: number;
    maxFailures: number;
    lockMinutes: number;
    cookieSecure: boolean;
    passwordHashMemoryKib: number;
  };
  bodyLimitKb: number;
  uploadMaxBytes: number;
  pki: {
    /** Folder of the CA material: root certificate, encrypted root key, CRL. */
    dir: string;
    /** Encrypts the CA's private key; unset outside production: a random one kept in `dir`. */
    caKeySecret?: string;
    certValidityDays: number;
    /** PBKDF2 rounds protecting each official's PKCS#12: deliberately slow to guess. */
    p12KdfIterations: number;
  };
  pdf: { chromiumPath: string; poolSize: number };
  /** How long each step of an outgoing letter may take, by urgency, and when to remind before it. */
  letters: {
    stepHours: { sangat_segera: number; segera: number; biasa: number };
    reminderBeforeHours: number;
  };
  /** Dispositions of incoming letters: a reminder this many hours before each due time (0: none). */
  incoming: { reminderBeforeHours: number };
  /** E-mail copies of notifications; unset smtpUrl: in-app only. */
  mail: { smtpUrl?: string; from: string };
  demo: { password: string; passphrase: string; seed: boolean };
  /** Activity agenda: reminders this many minutes before each start; overdue notices every so many hours. */
  agenda: { leadMinutes: number[]; overdueRepeatHours: number };
  /** The regency's staff system; no url: only uploaded exports, and no daily schedule. */
  smart: {
    url?: string;
    /** A bearer token; never logged. */
    token?: string;
    fieldMap: StaffFieldMap;
    /** When the daily sync runs, in WIB (Asia/Jakarta). */
    cron: string;
  };
  /** Bearer token of the web's GET /metrics; unset: that route answers 404. */
  metricsToken?: string;
  /** Port of the worker's own /metrics server; 0: none. */
  workerMetricsPort: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Konfigurasi tidak valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  if (raw.NODE_ENV === 'production' && !raw.CA_KEY_SECRET) {
    throw new ConfigError(['CA_KEY_SECRET: wajib diisi di produksi (kunci enkripsi kunci privat CA)']);
  }
  const dataDir = path.resolve(projectRoot, raw.DATA_DIR);
  const database = databaseFrom(raw.DATABASE_URL, dataDir);
  return {
    env: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    publicUrl: (raw.PUBLIC_URL ?? `http://${raw.HOST}:${raw.PORT}`).replace(/\/$/, ''),
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    database,
    logLevel: raw.LOG_LEVEL,
    temporal: {
      address: raw.TEMPORAL_ADDRESS ?? `127.0.0.1:${raw.TEMPORAL_PORT}`,
      embedded: raw.TEMPORAL_ADDRESS === undefined,
      namespace: raw.TEMPORAL_NAMESPACE,
      taskQueue: raw.TEMPORAL_TASK_QUEUE,
      port: raw.TEMPORAL_PORT,
      uiPort: raw.TEMPORAL_UI_PORT,
      uiUrl: raw.TEMPORAL_UI_URL?.replace(/\/$/, ''),
      cli: raw.TEMPORAL_CLI,
      tls: temporalTlsFrom(raw),
    },
    auth: {
      sessionTtlHours: raw.SESSION_TTL_HOURS,
      tokenTtlHours: raw.TOKEN_TTL_HOURS,
      maxFailures: raw.LOGIN_MAX_FAILURES,
      lockMinutes: raw.LOGIN_LOCK_MINUTES,
      cookieSecure: raw.COOKIE_SECURE ?? (raw.PUBLIC_URL?.startsWith('https://') || false),
      passwordHashMemoryKib: raw.PASSWORD_HASH_MEMORY_KIB,
    },
    bodyLimitKb: raw.BODY_LIMIT_KB,
    uploadMaxBytes: raw.UPLOAD_MAX_MB * 1024 * 1024,
    pki: {
      dir: path.join(dataDir, 'pki'),
      caKeySecret: raw.CA_KEY_SECRET,
      certValidityDays: raw.CERT_VALIDITY_DAYS,
      p12KdfIterations: raw.P12_KDF_ITERATIONS,
    },
    pdf: {
      chromiumPath: raw.CHROMIUM_PATH ?? env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
      poolSize: raw.PDF_POOL_SIZE ?? Math.max(1, Math.min(4, os.availableParallelism())),
    },
    letters: {
      stepHours: {
        sangat_segera: raw.STEP_HOURS_SANGAT_SEGERA,
        segera: raw.STEP_HOURS_SEGERA,
        biasa: raw.STEP_HOURS_BIASA,
      },
      reminderBeforeHours: raw.REMINDER_BEFORE_HOURS,
    },
    incoming: { reminderBeforeHours: raw.DISPOSITION_REMINDER_BEFORE_HOURS },
    mail: { smtpUrl: raw.SMTP_URL, from: raw.MAIL_FROM },
    demo: { password: raw.DEMO_PASSWORD, passphrase: raw.DEMO_PASSPHRASE, seed: raw.SEED_DEMO },
    agenda: {
      leadMinutes: [...new Set(raw.AGENDA_REMINDER_MINUTES.split(',').map(Number))].sort((a, b) => b - a),
      overdueRepeatHours: raw.AGENDA_OVERDUE_REPEAT_HOURS,
    },
    smart: {
      url: raw.SMART_URL,
      token: raw.SMART_TOKEN,
      fieldMap: { ...DEFAULT_FIELD_MAP, ...raw.SMART_FIELD_MAP },
      cron: raw.SMART_SYNC_CRON,
    },
    metricsToken: raw.METRICS_TOKEN,
    workerMetricsPort: raw.WORKER_METRICS_PORT,
  };
}

function databaseFrom(url: string | undefined, dataDir: string): Config['database'] {
  if (!url) return { client: 'sqlite', filename: path.join(dataDir, 'eoffice.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { client: 'sqlite', filename: file === ':memory:' ? file : path.resolve(projectRoot, file) };
  }
  return { client: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
}

/** TLS towards Temporal when asked for, or implied by any of its files; a certificate needs its key. */
function temporalTlsFrom(raw: RawConfig): TemporalTls | undefined {
  const tls = {
    caFile: raw.TEMPORAL_TLS_CA_FILE,
    certFile: raw.TEMPORAL_TLS_CERT_FILE,
    keyFile: raw.TEMPORAL_TLS_KEY_FILE,
    serverName: raw.TEMPORAL_TLS_SERVER_NAME,
  };
  if (!tls.certFile !== !tls.keyFile) {
    throw new ConfigError([
      'TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: isi keduanya (sertifikat klien dan kuncinya) atau tidak sama sekali',
    ]);
  }
  const implied = Object.values(tls).some((v) => v !== undefined);
  if (raw.TEMPORAL_TLS === false || (!raw.TEMPORAL_TLS && !implied)) return undefined;
  return tls;
}
