/**
 * The outgoing-letter story end to end on the production-shaped stack of support-stack.ts (Temporal dev
 * server, `eoffice worker` and `eoffice web` as processes of their own; SQLite, and MariaDB with
 * --mysql (a private server with MariaDB's defaults, its memory counted as the stack's) or
 * --mysql=server-url, BENCH_MYSQL_URL or a mysql DATABASE_URL (that server, counted whole). Scripted actors of four OPDs drive N
 * letters, CONCURRENCY at a time, through the HTTP API: draft, two verifiers, numbering (the suggested
 * number, retried if another admin took it), signing with a real certificate, delivery to three OPDs;
 * the time of each API step and the delivery lag (sign answered → workflow done: delivered to the
 * three OPDs, drafter notified) are tabled, with the stack's CPU time per letter. Then,
 * quietly and interleaved, one approve request (HTTP POST /verify) beside a bare Temporal Update round
 * trip on the same server (saveDraft through the client, no HTTP) and a bare Query. Memory of the whole
 * stack (stack-memory.ts) is sampled throughout.
 * Run: npm run bench:letters   (N=40, CONCURRENCY=8, APPROVALS=40 by default)
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { loadConfig } from '../lib/config';
import { findTemporalCli } from '../lib/temporal/temporal-cli';
import { TEMPLATES } from '../templates';
import { saveDraftUpdate, stateQuery } from '../workflows/outgoing-letter';
import { letterWorkflowId, type LetterContent } from '../workflows/outgoing-letter-types';
import {
  castMembers,
  driveLetter,
  letterBody,
  LettersApi,
  continueLetter,
  type ApiResponse,
  type DrivenLetter,
  type StoryCast,
} from '../test/support/letter-story';
import { opdIds } from '../test/support/letters';
import { StackMemory } from './stack-memory';
import { machineLine } from './machine-line';
import { stats } from './support-stats';
import {
  BENCH_PASSWORD,
  benchMariaDb,
  startBenchStack,
  type BenchMariaDb,
  type DatabaseKind,
} from './support-stack';
import { runBench } from './run-bench';
import { describeLetterHistory } from './history-counts';

const N = Number(process.env.N ?? 40);
/** Enough actors at once to keep the 2-core stack busy: the bench measures its capacity. */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const APPROVALS = Math.max(30, Number(process.env.APPROVALS ?? 40));
const WARMUP = 6;
/** The owner's reference server has 2 GB: the whole stack must stay under 1.5 GB. */
const MEMORY_AIM_MIB = 1536;
const PASSPHRASE = 'Bench-TandaTangan#2026';
/** The drafting OPDs; each letter goes to three other OPDs. */
const OPDS = ['DISKOMINFO', 'DISDIK', 'DINKES', 'BAPPEDA'];
const ALL_OPDS = ['SETDA', 'DISKOMINFO', 'DISDIK', 'DINKES', 'BAPPEDA', 'BPKAD'];

const castOf = (code: string): StoryCast => {
  const c = code.toLowerCase();
  return {
    drafter: `staf1.${c}`,
    verifiers: [`verifikator1.${c}`, `verifikator2.${c}`],
    admin: `admin.${c}`,
    signer: `kepala.${c}`,
    passphrase: PASSPHRASE,
  };
};

function row(name: string, ms: number[], bare?: number[]) {
  const a = stats(ms);
  const ratio = bare ? `${(a.median / stats(bare).median).toFixed(2)}x` : '';
  return `${name.padEnd(40)} ${String(a.n).padStart(4)} ${a.median.toFixed(1).padStart(9)} ${a.p95.toFixed(1).padStart(9)} ${ratio.padStart(8)}`;
}

/** Where a letter stands now (after a failed step), from its detail; undefined if it was never created. */
async function currentLetter(
  api: LettersApi,
  drafter: string,
  letterId: number | undefined,
): Promise<DrivenLetter | undefined> {
  // The creation itself failed: start a new letter.
  if (letterId === undefined) return undefined;
  const { state } = (await api.expect(drafter, 'get', `/api/v1/letters/${letterId}`)).body;
  return { id: letterId, versionNo: state.versionNo, number: state.number, status: state.status };
}

interface Outcome {
  label: string;
  lines: string[];
}

/** Each API step of the story, and the delivery lag, by name: the times of every letter. */
type StepTimes = Map<string, number[]>;

/** One full run (story, then approve vs bare Update) on one database; cleans up after itself. */
async function runOn(kind: DatabaseKind, mariadb?: BenchMariaDb): Promise<Outcome> {
  const stack = await startBenchStack({
    kind,
    server: mariadb?.url,
    signers: OPDS.map((code) => castOf(code).signer),
    passphrase: PASSPHRASE,
  });
  const { db, client } = stack;
  const memory = new StackMemory({
    'Temporal dev server': stack.pids.temporal,
    'eoffice worker': stack.pids.worker,
    'eoffice web': stack.pids.web,
    ...(mariadb?.pid ? { [mariadb.component]: mariadb.pid } : {}),
  });
  try {
    const opd = await opdIds(db);
    const api = new LettersApi(stack.baseUrl);
    await api.login([...new Set(OPDS.flatMap((c) => castMembers(castOf(c))))], BENCH_PASSWORD);

    const bodyFor = (code: string, subject: string) =>
      letterBody(
        {
          recipients: ALL_OPDS.filter((c) => c !== code)
            .slice(0, 3)
            .map((c) => opd[c]),
        },
        { subject },
      );
    // Warm-up: bundle loaded, Chromium started, every code path run once.
    for (const code of OPDS) {
      await driveLetter(api, castOf(code), 'sent', { body: bodyFor(code, 'Pemanasan') });
    }

    // ---- The story: N letters, CONCURRENCY at a time, each to 'sent'. ----
    const underLoad: number[] = [];
    const steps: StepTimes = new Map();
    const timed = (step: string, ms: number) => steps.set(step, [...(steps.get(step) ?? []), ms]);
    let numberRetries = 0;
    let next = 0;
    const cpuBefore = memory.cpuSeconds();
    const actorsCpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    /** Steps that failed and were done again, as a person would (re-entering the passphrase), by message. */
    const failures = new Map<string, number>();
    const actor = async () => {
      for (let i = next++; i < N; i = next++) {
        const code = OPDS[i % OPDS.length];
        const cast = castOf(code);
        let numbered = 0;
        let createdId: number | undefined;
        let signedAt = 0;
        const onStep = (step: string, res: ApiResponse) => {
          timed(step, res.ms);
          if (step === 'sign') signedAt = performance.now();
          if (step === 'create') createdId = Number(res.body.id);
          if (step === 'approve') underLoad.push(res.ms);
          if (step === 'number' && numbered++ > 0) numberRetries++;
        };
        let letter: DrivenLetter | undefined;
        for (let attempt = 1; ; attempt++) {
          try {
            letter = letter
              ? await continueLetter(api, cast, letter, 'sending', { onStep })
              : await driveLetter(api, cast, 'sending', {
                  body: bodyFor(code, `Surat bench ${i + 1}`),
                  onStep,
                });
            // The drafter would see 'sent' on the next look; waiting on the workflow's end instead of
            // polling the API keeps the bench's own requests off the measured stack.
            await (await client()).workflow.getHandle(letterWorkflowId(letter.id)).result();
            timed('delivery lag (sign answered → delivered)', performance.now() - signedAt);
            break;
          } catch (err) {
            const message = (err as Error).message
              .replace(/\/letters\/\d+\//, '/letters/:id/')
              .replace(/ as \S+/, '');
            failures.set(message, (failures.get(message) ?? 0) + 1);
            if (attempt >= 5) throw err;
            letter = await currentLetter(api, cast.drafter, createdId);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, actor));
    const storySeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpuPerLetter = [...memory.cpuSeconds()].map(
      ([name, seconds]) => [name, (seconds - (cpuBefore.get(name) ?? 0)) / N] as const,
    );
    const stackCpuPerLetter = cpuPerLetter.reduce((sum, [, s]) => sum + s, 0);
    const actorsCpu = process.cpuUsage(actorsCpuBefore);
    const actorsCpuPerLetterMs = (actorsCpu.user + actorsCpu.system) / 1000 / N;
    const lastLetter = Number((await db('letters').max('id as id').first())!.id);
    const temporalWork = await describeLetterHistory(await client(), db, lastLetter);

    // ---- One approve vs a bare Update, interleaved on a quiet stack. ----
    const cast = castOf('DISKOMINFO');
    const rounds = APPROVALS + WARMUP;
    const pending = [];
    for (let i = 0; i < Math.ceil(rounds / 2); i++) {
      pending.push(
        await driveLetter(api, cast, 'verifying', { body: bodyFor('DISKOMINFO', `Ukur ${i + 1}`) }),
      );
    }
    const draft = await driveLetter(api, cast, 'draft', { body: bodyFor('DISKOMINFO', 'Konsep ukur') });
    const handle = (await client()).workflow.getHandle(letterWorkflowId(draft.id));
    const content: LetterContent = {
      kind: 'surat-dinas',
      subject: 'Konsep ukur',
      sifat: 'penting',
      urgency: 'segera',
      classification: '000.1.2',
      fields: { ...TEMPLATES['surat-dinas'].example },
      recipientOpdIds: [opd.DISDIK, opd.DINKES, opd.SETDA],
      ccOpdIds: [],
    };
    const approve: number[] = [];
    const bare: number[] = [];
    const query: number[] = [];
    let version = draft.versionNo;
    for (let i = 0; i < rounds; i++) {
      const letter = pending[Math.floor(i / 2)];
      const res = await api.expect(cast.verifiers[i % 2], 'post', `/api/v1/letters/${letter.id}/verify`, {
        baseVersionNo: letter.versionNo,
        decision: 'approve',
      });
      approve.push(res.ms);
      let t0 = process.hrtime.bigint();
      const state = await handle.executeUpdate(saveDraftUpdate, {
        args: [{ actorId: api.id(cast.drafter), baseVersionNo: version, content }],
      });
      bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
      version = state.versionNo;
      t0 = process.hrtime.bigint();
      await handle.query(stateQuery);
      query.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    for (const list of [approve, bare, query]) list.splice(0, WARMUP);
    memory.stop();
    const sent = await db('letters').where({ status: 'sent' }).count('* as n');

    const a = stats(approve);
    const b = stats(bare);
    return {
      label: stack.label,
      lines: [
        `story: ${N} letters, ${CONCURRENCY} at a time, actors of ${OPDS.length} OPDs; each: draft → 2 verifiers → numbering → signing → delivery to 3 OPDs`,
        `  ${Number(sent[0].n)} letters sent in the database (incl. ${OPDS.length} warm-up); story time ${storySeconds.toFixed(1)} s → ${((N / storySeconds) * 60).toFixed(1)} letters per minute; ${numberRetries} number retries (suggestion taken meanwhile)`,
        ...[...failures].map(([m, n]) => `  failed and done again ${n}x: ${m}`),
        `  stack CPU per letter ${(stackCpuPerLetter * 1000).toFixed(0)} ms (${cpuPerLetter.map(([name, s]) => `${name} ${(s * 1000).toFixed(0)}`).join(', ')}) → at most ${((os.cpus().length / stackCpuPerLetter) * 60).toFixed(0)} letters per minute on ${os.cpus().length} otherwise idle cores; the bench's own actors ${actorsCpuPerLetterMs.toFixed(0)} ms per letter beside it`,
        `  Temporal work of one letter: ${temporalWork}`,
        '',
        `${'story step, under load'.padEnd(40)} ${'n'.padStart(4)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)}`,
        ...[...steps].map(([name, ms]) => row(name, ms)),
        '',
        `${'operation'.padEnd(40)} ${'n'.padStart(4)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'vs bare'.padStart(8)}`,
        row('approve (HTTP POST /verify)', approve, bare),
        row('  bare Update (saveDraft via client)', bare),
        row('  bare Query (state via client)', query),
        row('approve under story load (info)', underLoad, bare),
        '',
        `approve / bare Update: median ${(a.median / b.median).toFixed(2)}x, p95 ${(a.p95 / b.p95).toFixed(2)}x (aim: within 2x)`,
        '',
        ...memory.table(MEMORY_AIM_MIB),
      ],
    };
  } finally {
    memory.stop();
    await stack.stop();
  }
}

async function main() {
  const outcomes: Outcome[] = [];
  const cli = execFileSync(findTemporalCli(), ['--version'], { encoding: 'utf8' }).trim();
  outcomes.push(await runOn('sqlite'));
  const mariadb = await benchMariaDb();
  if (mariadb) {
    try {
      outcomes.push(await runOn('mysql', mariadb));
    } finally {
      await mariadb.stop();
    }
  }
  const sample = loadConfig({
    DATABASE_URL: '',
    PDF_POOL_SIZE: process.env.PDF_POOL_SIZE,
    P12_KDF_ITERATIONS: process.env.P12_KDF_ITERATIONS,
  });
  const lines = [
    `e-Office letters story benchmark — ${machineLine()}`,
    `${cli.split('\n')[0]}: dev server, in-memory; \`eoffice worker\` and \`eoffice web\` (NODE_ENV=production) as processes; HTTP on 127.0.0.1`,
    `PKCS#12 KDF ${sample.pki.p12KdfIterations} PBKDF2 iterations (P12_KDF_ITERATIONS); PDF pool ${sample.pdf.poolSize} Chromium page(s) in the worker`,
  ];
  for (const o of outcomes) lines.push('', `== ${o.label}`, ...o.lines);
  process.stdout.write(lines.join('\n') + '\n');
}

runBench(main);
