/**
 * Preloaded into worker and web by support-stack.ts (NODE_OPTIONS=--require, since Node refuses
 * --cpu-prof there) when BENCH_CPU_PROF names a folder: profiles the whole process and writes
 * <folder>/<command>-<pid>.cpuprofile as it exits (the main thread's inspector answers synchronously).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROF;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.once('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      const command = process.argv[2] ?? 'node';
      fs.writeFileSync(
        path.join(dir, `${command}-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
