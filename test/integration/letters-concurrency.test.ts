import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { queryLetterState } from '../../lib/temporal/letter-workflow-client';
import {
  castMembers,
  diskominfoCast,
  driveLetter,
  letterBody,
  LettersApi,
  waitForStatus,
  type ApiResponse,
  type StoryStage,
} from '../support/letter-story';
import { TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import type { TestDatabase } from '../support/test-database';

/**
 * Races through the JSON API on MariaDB (real concurrent transactions and row locks; SQLite would
 * serialise the writers and hide a race), a Temporal dev server, the real worker, Chromium and a real
 * certificate: the same action sent twice at once, or two admins typing the same number at once.
 * Exactly one wins, the other is refused with a reason, and the database holds one record of it.
 */

const cast = diskominfoCast(TEST_PASSPHRASE);
const [V1] = cast.verifiers;
/** A second bagian umum of Diskominfo, given admin_opd in set-up. */
const ADMIN2 = 'staf3.diskominfo';
/** Each race is run a few times: one lucky interleaving proves little. */
const ROUNDS = 3;

let stack: LetterStack;
let t: TestDatabase;
let client: () => Promise<Client>;
let api: LettersApi;
let opd: Record<string, number>;

const letterTo = (subject: string, stage: StoryStage) =>
  driveLetter(api, cast, stage, {
    body: letterBody({ recipients: [opd.DISDIK, opd.DINKES], cc: [opd.SETDA] }, { subject }),
  });

/** The statuses of a race's answers, in order, e.g. [200, 409]. */
const statuses = (answers: ApiResponse[]) => answers.map((r) => r.status).sort();
const loser = (answers: ApiResponse[]) => answers.find((r) => r.status !== 200)!;

async function auditCount(letterId: number, action: string): Promise<number> {
  const [{ n }] = await t
    .db('audit_log')
    .where({ entity_type: 'letter', entity_id: String(letterId), action })
    .count('* as n');
  return Number(n);
}

async function nextNumber(offset = 0): Promise<string> {
  const year = new Date().getFullYear();
  const { sequence } = await suggestNextNumber(t.db, {
    opdId: opd.DISKOMINFO,
    year,
    classification: '000.1.2',
  });
  return `000.1.2/${sequence + offset}/DISKOMINFO/${year}`;
}
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startLetterStack({
    kind: 'mysql',
    certificateHolders: [cast.signer],
    env: { PDF_POOL_SIZE: '2' },
  });
  ({ t, client, opd } = stack);
  const admin2 = await t.db('users').where({ username: ADMIN2 }).first('id');
  await t.db('user_roles').insert({ user_id: admin2.id, role: 'admin_opd' });

  api = new LettersApi(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`);
  await api.login([...castMembers(cast), ADMIN2], DEMO_PASSWORD);
}, 60_000);

afterAll(async () => {
  await (await client?.())?.connection.close();
  await stack?.stop();
});

describe('the same action twice at once: exactly one wins', () => {
  it('two approvals of the same step by the same verifier: one 200, one 409, one approve recorded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const letter = await letterTo(`Balapan persetujuan ${round}`, 'verifying');
      const approve = () =>
        api.call(V1, 'post', `/api/v1/letters/${letter.id}/verify`, {
          baseVersionNo: letter.versionNo,
          decision: 'approve',
        });
      const answers = await Promise.all([approve(), approve()]);
      expect(statuses(answers)).toEqual([200, 409]);
      expect(loser(answers).body.error.message).toBe('Belum giliran Anda memverifikasi surat ini.');
      expect(await auditCount(letter.id, 'letter.approve')).toBe(1);
      const state = await queryLetterState(await client(), letter.id);
      expect(state.currentStep).toMatchObject({ kind: 'verify', index: 1 });
      const steps = await t.db('letter_steps').where({ letter_id: letter.id }).orderBy('seq');
      expect(steps.map((s) => s.status)).toEqual(['done', 'active', 'waiting', 'waiting']);
    }
  });

  it('a double submit: one 200, one 409, one submission recorded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const letter = await letterTo(`Balapan pengajuan ${round}`, 'draft');
      const submit = () =>
        api.call(cast.drafter, 'post', `/api/v1/letters/${letter.id}/submit`, {
          baseVersionNo: letter.versionNo,
          verifierIds: cast.verifiers.map((v) => api.id(v)),
          signerId: api.id(cast.signer),
        });
      const answers = await Promise.all([submit(), submit()]);
      expect(statuses(answers)).toEqual([200, 409]);
      expect(await auditCount(letter.id, 'letter.submit')).toBe(1);
      expect(await t.db('letter_steps').where({ letter_id: letter.id }).count('* as n')).toEqual([{ n: 4 }]);
    }
  });

  it('a double sign with the right passphrase: one signature only', async () => {
    const letter = await letterTo('Balapan tanda tangan', 'signing');
    const sign = () =>
      api.call(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, { passphrase: TEST_PASSPHRASE });
    const answers = await Promise.all([sign(), sign()]);
    expect(statuses(answers)).toEqual([200, 409]);
    expect(loser(answers).body.error.message).toBe('Surat tidak sedang menunggu tanda tangan.');
    await waitForStatus(api, cast.drafter, letter.id, 'sent');
    const signatures = await t
      .db('document_signatures')
      .join('documents', 'documents.id', 'document_signatures.document_id')
      .where('documents.letter_id', letter.id)
      .select('document_signatures.id');
    expect(signatures).toHaveLength(1);
    expect(await t.db('documents').where({ letter_id: letter.id }).count('* as n')).toEqual([{ n: 1 }]);
    expect(await auditCount(letter.id, 'letter.sign')).toBe(1);
    // Delivered once to each recipient and tembusan OPD, not twice.
    const delivered = await t.db('incoming_letters').where({ letter_id: letter.id }).pluck('opd_id');
    expect(delivered.map(Number).sort()).toEqual([opd.DISDIK, opd.DINKES, opd.SETDA].sort());
  });

  it('two admins give two letters of the same OPD the same number at once: one wins, one hears it is taken', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await letterTo(`Balapan nomor A${round}`, 'numbering');
      const b = await letterTo(`Balapan nomor B${round}`, 'numbering');
      const number = await nextNumber();
      const answers = await Promise.all([
        api.call(cast.admin, 'post', `/api/v1/letters/${a.id}/number`, { number, date: today() }),
        api.call(ADMIN2, 'post', `/api/v1/letters/${b.id}/number`, { number, date: today() }),
      ]);
      expect(statuses(answers)).toEqual([200, 409]);
      expect(loser(answers).body.error.message).toMatch(/sudah (terdaftar|dipakai)/);
      expect(await t.db('number_register').where({ number }).count('* as n')).toEqual([{ n: 1 }]);
      const [winner, other] = answers[0].status === 200 ? [a, b] : [b, a];
      expect((await t.db('letters').where({ id: winner.id }).first('number')).number).toBe(number);
      expect((await t.db('letters').where({ id: other.id }).first('number')).number).toBeNull();
      expect(await auditCount(other.id, 'letter.number')).toBe(0);
      // The loser is still waiting for a number and takes the next one.
      expect((await queryLetterState(await client(), other.id)).status).toBe('numbering');
      const retry = await api.call(ADMIN2, 'post', `/api/v1/letters/${other.id}/number`, {
        number: await nextNumber(),
        date: today(),
      });
      expect(retry.status).toBe(200);
    }
  });

  it('numbering the same letter twice at once: one number registered', async () => {
    // What one uncontested numbering records, to compare the raced letters with.
    const control = await letterTo('Penomoran tanpa balapan', 'numbering');
    await api.expect(cast.admin, 'post', `/api/v1/letters/${control.id}/number`, {
      number: await nextNumber(),
      date: today(),
    });
    const numberAudits = await auditCount(control.id, 'letter.number');
    for (let round = 0; round < ROUNDS; round++) {
      const letter = await letterTo(`Balapan nomor ganda ${round}`, 'numbering');
      const numbers = [await nextNumber(0), await nextNumber(1)];
      const answers = await Promise.all([
        api.call(cast.admin, 'post', `/api/v1/letters/${letter.id}/number`, {
          number: numbers[0],
          date: today(),
        }),
        api.call(ADMIN2, 'post', `/api/v1/letters/${letter.id}/number`, {
          number: numbers[1],
          date: today(),
        }),
      ]);
      expect(statuses(answers)).toEqual([200, 409]);
      const won = numbers[answers.findIndex((r) => r.status === 200)];
      const register = await t.db('number_register').where({ letter_id: letter.id }).select('number');
      expect(register).toEqual([{ number: won }]);
      expect((await queryLetterState(await client(), letter.id)).number).toBe(won);
      expect(await auditCount(letter.id, 'letter.number')).toBe(numberAudits);
      const audits = await t.db('audit_log').where({ entity_type: 'letter', entity_id: String(letter.id) });
      const lost = numbers.find((n) => n !== won)!;
      expect(audits.filter((a) => String(a.data).includes(lost))).toEqual([]);
    }
  });
});
