import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../lib/paths';
import { killGroup, requireBuiltCli } from './run-stack';

/**
 * The built CLI (`node dist/bin/eoffice.js <command>`) run as a production service manager runs it: one
 * child process per command, in a process group of its own, its output kept and its JSON log lines
 * readable. Puppeteer starts Chromium in a group of its own, so a group kill misses it; Chromium quits by
 * itself once the process that owns it is gone (its pipe closes). Whatever is still running when the
 * test process exits is killed.
 */

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One pino line of a process's output. */
export interface LogLine {
  msg: string;
  [field: string]: unknown;
}

const running = new Set<CliProcess>();
process.once('exit', () => {
  for (const cli of running) killGroup(cli.pid, 'SIGKILL');
});

export class CliProcess {
  readonly exited: Promise<CliExit>;
  private readonly child: ChildProcess;
  private text = '';

  /**
   * `env` is the whole environment but PATH and HOME (Chromium wants a home): nothing else of the test
   * process's environment leaks in.
   */
  constructor(
    readonly args: string[],
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [requireBuiltCli(), ...args], {
      cwd: projectRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.text += chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.text += chunk));
    running.add(this);
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': the output is complete by then.
      this.child.once('close', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string {
    return this.text;
  }

  /** The JSON log lines so far; plain text (the CLI's own messages) is skipped. */
  logLines(): LogLine[] {
    return this.text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  }

  /** Resolves with the first log line whose msg is `msg`; fails early, with the output, if the process exits. */
  async waitForLog(msg: string, timeoutMs = 30_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logLines().find((l) => l.msg === msg);
      if (line) return line;
      if (this.hasExited || Date.now() > deadline) {
        throw new Error(`eoffice ${this.args.join(' ')}: no "${msg}" log line\n${this.text}`);
      }
      await sleep(50);
    }
  }

  /** Sends `signal` to the process itself (not its group), as an orchestrator would. */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** For afterAll: SIGTERM, then SIGKILL to the whole group if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.hasExited) this.signal('SIGTERM');
    const timer = setTimeout(() => killGroup(this.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    killGroup(this.pid, 'SIGKILL');
  }
}

/** Runs a one-shot command (migrate, ca init, seed) to its end; fails with its output unless it exits 0. */
export async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const cli = new CliProcess(args, env);
  const exit = await cli.exited;
  if (exit.code !== 0) {
    throw new Error(`eoffice ${args.join(' ')} exited ${JSON.stringify(exit)}\n${cli.output()}`);
  }
  return cli.output();
}
