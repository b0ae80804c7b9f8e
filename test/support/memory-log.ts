import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../lib/logger';

/** A logger that keeps every line it writes (JSON, one per entry) for the test to read. */
export function memoryLog(name = 'test'): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('trace', name, stream) };
}
