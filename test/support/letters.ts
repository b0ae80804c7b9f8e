import type { Knex } from 'knex';
import { createActivities } from '../../activities';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { FileStore } from '../../lib/storage/file-store';
import { TEMPLATES } from '../../templates';
import type { LetterActivities, LetterContent, LetterState } from '../../workflows/outgoing-letter-types';
import { userIdOf } from './pki';
import type { TestDatabase } from './test-database';

/** Ids of the seeded demo regency's OPDs, by code. */
export async function opdIds(db: Knex): Promise<Record<string, number>> {
  const rows = await db('opd').select('id', 'code');
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.id)]));
}

/** Ids of seeded users, by username. */
export async function userIds(db: Knex, usernames: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of usernames) out[name] = await userIdOf(db, name);
  return out;
}

/** The sub-code the sample numbers use, added as the admin would (the migration seeds the top level). */
export async function addClassification(db: Knex, code = '000.1.2', name = 'Persuratan'): Promise<void> {
  if (await db('classifications').where({ code }).first()) return;
  const parent = code.split('.')[0];
  await db('classifications').insert({ code, name, parent_code: parent, created_at: new Date() });
}

/** A valid surat dinas from DISKOMINFO to DISDIK and DINKES, tembusan to SETDA. */
export function sampleContent(
  opd: Record<string, number>,
  overrides: Partial<LetterContent> = {},
): LetterContent {
  return {
    kind: 'surat-dinas',
    subject: 'Permintaan Data Kepegawaian',
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    fields: { ...TEMPLATES['surat-dinas'].example },
    recipientOpdIds: [opd.DISDIK, opd.DINKES],
    ccOpdIds: [opd.SETDA],
    ...overrides,
  };
}

/** The state the workflow would report, for recordProgress. */
export function sampleState(overrides: Partial<LetterState> & Pick<LetterState, 'letterId'>): LetterState {
  return {
    status: 'draft',
    drafterId: 0,
    opdId: 0,
    versionNo: 1,
    verifierIds: [],
    signerId: null,
    resumeAt: 0,
    currentStep: null,
    number: null,
    date: null,
    documentCode: null,
    ...overrides,
  };
}

/** The activities as the worker builds them, over the test database; close the pool afterwards. */
export function testActivities(
  t: TestDatabase,
  options: { pool?: BrowserPool; pki?: TestDatabase['config']['pki'] } = {},
): { activities: LetterActivities; pool: BrowserPool; files: FileStore } {
  const pool = options.pool ?? new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
  const files = new FileStore(t.db, t.config.filesDir);
  const config = options.pki ? { ...t.config, pki: options.pki } : t.config;
  const temporalClient = () => Promise.reject(new Error('no Temporal in this test'));
  return { activities: createActivities({ db: t.db, files, config, pool, temporalClient }), pool, files };
}

/** Row counts of the tables a letter writes, to assert that a refusal wrote nothing. */
export async function letterTableCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['letters', 'letter_versions', 'letter_recipients', 'letter_steps', 'audit_log']) {
    const [{ n }] = await db(table).count('* as n');
    out[table] = Number(n);
  }
  return out;
}
