import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from './free-port';

/**
 * A MariaDB server of the test's own (a data directory in /tmp, a free port, root without password),
 * for a test that stops and starts the database: the shared server on 3306 serves other test files.
 * stop() and start() keep the data directory, as an operator restarting the service would.
 */

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly bufferPoolSize: string,
  ) {}

  /**
   * A fresh data directory with one empty database, `eoffice`, and the server running on it. A small
   * buffer pool by default (tests hold little data); a benchmark asks for MariaDB's own 128M.
   */
  static async create(options: { bufferPoolSize?: string } = {}): Promise<PrivateMariaDb> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-mariadb-'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    await promisify(execFile)('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${path.join(dir, 'data')}`,
      // Its bootstrap server too (see start()).
      `--tmpdir=${path.join(dir, 'tmp')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      // Only root may run mariadbd as root; as anyone else it runs as that user anyway.
      `--user=${os.userInfo().username}`,
    ]);
    const server = new PrivateMariaDb(dir, await freePort(), options.bufferPoolSize ?? '64M');
    await server.start();
    const conn = await createConnection(server.serverUrl);
    await conn.query('CREATE DATABASE eoffice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await conn.end();
    return server;
  }

  /** The running server's process id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get serverUrl(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  /** DATABASE_URL of the `eoffice` database. */
  get url(): string {
    return `${this.serverUrl}/eoffice`;
  }

  /** Starts mariadbd on the data directory; resolves once it accepts connections. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${path.join(this.dataDir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dataDir, 'sock')}`,
        `--pid-file=${path.join(this.dataDir, 'pid')}`,
        // Its own: at start mariadbd deletes the #sql files it finds in its tmpdir, and in /tmp those
        // would be the temporary tables of the machine's other MariaDB, mid-query.
        `--tmpdir=${path.join(this.dataDir, 'tmp')}`,
        `--user=${os.userInfo().username}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        `--innodb-buffer-pool-size=${this.bufferPoolSize}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk));
    child.once('exit', () => running.delete(child));
    running.add(child);
    this.child = child;
    for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited ${child.exitCode}\n${this.log}`);
      try {
        await (await createConnection(this.serverUrl)).end();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`mariadbd did not answer: ${String(err)}\n${this.log}`);
      }
    }
  }

  /** SIGTERM, as a service manager stops it; resolves once the server has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  /** Stops the server and removes its data directory. */
  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
