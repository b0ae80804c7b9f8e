import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../lib/paths';
import { freePort } from './free-port';

/** The compiled CLI that `npm run build` produces; the end-to-end stack runs exactly what ships. */
export const CLI_ENTRY = path.join(projectRoot, 'dist', 'bin', 'eoffice.js');

/** Fails with a message that says what to do when the build is missing. */
export function requireBuiltCli(): string {
  if (!fs.existsSync(CLI_ENTRY)) {
    throw new Error(
      `${path.relative(projectRoot, CLI_ENTRY)} does not exist: run \`npm run build\` first ` +
        '(`npm test` builds before running jest; a bare `npx jest` does not).',
    );
  }
  return CLI_ENTRY;
}

export interface StackPorts {
  web: number;
  temporal: number;
  temporalUi: number;
}

/** Three distinct free ports on 127.0.0.1. */
export async function freeStackPorts(): Promise<StackPorts> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [web, temporal, temporalUi] = [...ports];
  return { web, temporal, temporalUi };
}

/** True when nothing listens on the port, i.e. a new server could bind it. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The last lines of a file, or a note that it is not there. */
export function tailOf(file: string, lines = 60): string {
  if (!fs.existsSync(file)) return `(${file} does not exist)`;
  const all = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

export interface StackOptions {
  dataDir: string;
  ports: StackPorts;
  /** Where stdout and stderr of the stack (start, worker, web) go; appended to. */
  logFile: string;
  demoPassword: string;
  env?: Record<string, string>;
}

export interface StackExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a whole process group (a CLI process and its Chromium, Temporal…); a gone group is fine. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Stacks still running; killed when the test process exits, whatever way it ends. */
const running = new Set<RunningStack>();
process.once('exit', () => {
  for (const stack of running) stack.killNow();
});

/**
 * `node dist/bin/eoffice.js start` in a process group of its own (so Temporal, worker and web can be
 * killed together if a clean stop fails), with its output in a log file.
 */
export class RunningStack {
  readonly baseUrl: string;
  readonly exited: Promise<StackExit>;
  private readonly child: ChildProcess;
  /** Where this run's output starts in the (shared, appended) log file. */
  private readonly logOffset: number;

  constructor(readonly options: StackOptions) {
    const entry = requireBuiltCli();
    const { dataDir, ports, logFile } = options;
    fs.mkdirSync(dataDir, { recursive: true });
    this.logOffset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    this.baseUrl = `http://127.0.0.1:${ports.web}`;
    const out = fs.openSync(logFile, 'a');
    try {
      this.child = spawn(process.execPath, [entry, 'start'], {
        cwd: projectRoot,
        detached: true,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          // Production refuses to start without the secret that encrypts the CA's private key.
          CA_KEY_SECRET: 'uji-restart-rahasia-kunci-ca-0123456789',
          HOST: '127.0.0.1',
          PORT: String(ports.web),
          DATA_DIR: dataDir,
          // Explicit, so a developer's .env (DATABASE_URL, TEMPORAL_ADDRESS, ...) cannot redirect the test.
          DATABASE_URL: `sqlite:${path.join(dataDir, 'eoffice.sqlite')}`,
          TEMPORAL_ADDRESS: '',
          PUBLIC_URL: '',
          TEMPORAL_PORT: String(ports.temporal),
          TEMPORAL_UI_PORT: String(ports.temporalUi),
          DEMO_PASSWORD: options.demoPassword,
          SEED_DEMO: 'true',
          LOG_LEVEL: 'info',
          PASSWORD_HASH_MEMORY_KIB: '1024',
          ...options.env,
        },
      });
    } finally {
      fs.closeSync(out);
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      });
    });
    running.add(this);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** This run's output so far. */
  output(): string {
    if (!fs.existsSync(this.options.logFile)) return '';
    const fd = fs.openSync(this.options.logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size - this.logOffset;
      const buffer = Buffer.alloc(Math.max(0, size));
      fs.readSync(fd, buffer, 0, buffer.length, this.logOffset);
      return buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The tails of the stack's output and of the Temporal server log, for failure messages. */
  diagnostics(lines = 60): string {
    const own = this.output().trimEnd().split('\n').slice(-lines).join('\n');
    const temporalLog = path.join(this.options.dataDir, 'temporal.log');
    return (
      `--- e-Office output (${this.options.logFile}), last ${lines} lines ---\n${own}\n` +
      `--- ${temporalLog}, last 20 lines ---\n${tailOf(temporalLog, 20)}`
    );
  }

  /** Polls GET /ready until it answers 200; fails early if the stack exits, with the log tail. */
  async waitReady(timeoutMs = 90_000): Promise<{ status: string; checks: Record<string, string> }> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.hasExited) {
        const { exitCode, signalCode } = this.child;
        throw new Error(
          `e-Office exited before it was ready (code ${exitCode}, signal ${signalCode})\n${this.diagnostics()}`,
        );
      }
      try {
        const res = await fetch(`${this.baseUrl}/ready`, { signal: AbortSignal.timeout(5_000) });
        const body = await res.text();
        if (res.status === 200) return JSON.parse(body);
        last = `HTTP ${res.status} ${body}`;
      } catch (err) {
        last = String((err as Error).cause ?? err);
      }
      await sleep(500);
    }
    throw new Error(
      `e-Office was not ready after ${timeoutMs / 1000} s (last: ${last})\n${this.diagnostics()}`,
    );
  }

  /** SIGTERM to the start process only, as a service manager would; resolves with how it exited. */
  async stop(timeoutMs = 45_000): Promise<StackExit> {
    if (!this.hasExited) this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`e-Office did not exit ${timeoutMs / 1000} s after SIGTERM\n${this.diagnostics()}`),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits until no process of the stack's group is left (worker, web and Temporal included). */
  async waitGroupGone(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (groupAlive(this.pid)) {
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
    return true;
  }

  /** For afterAll: a clean stop if it still works, else SIGKILL to the whole process group. */
  async kill(graceMs = 20_000): Promise<void> {
    if (!this.hasExited) await this.stop(graceMs).catch(() => undefined);
    if (groupAlive(this.pid)) {
      killGroup(this.pid, 'SIGKILL');
      await this.waitGroupGone(5_000);
    }
    if (!this.hasExited) await Promise.race([this.exited, sleep(5_000, undefined, { ref: false })]);
  }

  /** Synchronous last resort, for process exit. */
  killNow(): void {
    if (groupAlive(this.pid)) killGroup(this.pid, 'SIGKILL');
  }
}

export function startStack(options: StackOptions): RunningStack {
  return new RunningStack(options);
}
