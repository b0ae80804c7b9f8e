import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';

/** Pinned in scripts/prepare-test-machine.sh, installed into the project's tool venv. */
const SCHEMATHESIS = path.join(projectRoot, '.tools', 'venv', 'bin', 'schemathesis');

export interface FuzzRun {
  /** Bearer token sent with every request. */
  token: string;
  /** Test cases per operation in the fuzzing phase. */
  maxExamples: number;
  /**
   * The coverage phase (boundary and wrong-type values of every parameter, field and method; ~20 s
   * for the whole API here, whatever maxExamples) before the random fuzzing phase. Default: true.
   */
  coverage?: boolean;
  /** Operations (path regexes) to leave out, or the only ones to run. */
  excludePaths?: string[];
  includePaths?: string[];
  seed?: number;
}

/**
 * The coverage phase also tries methods no route has; Koa's router answers TRACE and QUERY with 501 Not
 * Implemented, which is the HTTP answer for a method the server does not know, not a fault: not sent.
 */
const CONFIG = `[phases.coverage]
unexpected-methods = ["get", "put", "post", "delete", "options", "patch"]
`;

export interface FuzzResult {
  code: number;
  output: string;
}

/**
 * Runs `schemathesis run` against a live OpenAPI document, checking only that no answer is a 5xx.
 * Asynchronous on purpose: the app under test usually runs in this same process. Runs in a temporary
 * directory, with its configuration, so that nothing it writes lands in the tree.
 */
export function fuzzOpenApi(schemaUrl: string, run: FuzzRun): Promise<FuzzResult> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-fuzz-'));
  fs.writeFileSync(path.join(cwd, 'schemathesis.toml'), CONFIG);
  // One alternation: of several --…-path-regex options schemathesis keeps only the last.
  const anyOf = (regexes: string[]) => regexes.map((r) => `(?:${r})`).join('|');
  const args = [
    '--config-file=schemathesis.toml',
    'run',
    schemaUrl,
    '--checks=not_a_server_error',
    `--phases=${run.coverage === false ? 'fuzzing' : 'coverage,fuzzing'}`,
    `--seed=${run.seed ?? 20269}`,
    `--max-examples=${run.maxExamples}`,
    '--generation-database=none',
    '--suppress-health-check=all',
    '--request-timeout=30',
    '--workers=2',
    '--no-color',
    '--header',
    `Authorization: Bearer ${run.token}`,
    ...(run.excludePaths ? ['--exclude-path-regex', anyOf(run.excludePaths)] : []),
    ...(run.includePaths ? ['--include-path-regex', anyOf(run.includePaths)] : []),
  ];
  return new Promise((resolve) => {
    execFile(SCHEMATHESIS, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      fs.rmSync(cwd, { recursive: true, force: true });
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
