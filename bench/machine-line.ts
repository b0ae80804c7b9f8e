import crypto from 'node:crypto';
import os from 'node:os';

/** The speed probe's rounds: the PBKDF2 that opens a signer's key. */
const PROBE_ROUNDS = 600_000;

const probeMs = () => {
  const start = process.hrtime.bigint();
  crypto.pbkdf2Sync('probe', 'salt', PROBE_ROUNDS, 32, 'sha256');
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/**
 * The machine a bench ran on, with its speed then: this virtual machine ran the same work up to twice
 * as slow in some hours, so figures compare only beside that speed (the median of three probes, taken
 * while the bench's own processes are idle).
 */
export function machineLine(): string {
  const cpus = os.cpus();
  const [, median] = [probeMs(), probeMs(), probeMs()].sort((a, b) => a - b);
  return (
    `${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, ${os.platform()} ${os.arch()}; speed: PBKDF2-SHA256 ` +
    `${PROBE_ROUNDS.toLocaleString('en')} rounds in ${median.toFixed(0)} ms`
  );
}
