import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Anything that could carry a secret is censored wherever it appears in a log object. */
const secretKeys = [
  'password',
  'passphrase',
  'token',
  'privateKey',
  'authorization',
  'cookie',
  'csrf',
  '_csrf',
];
const redactPaths = secretKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export function createLogger(level: string, name = 'eoffice', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: {
      paths: [...redactPaths, 'req.headers["set-cookie"]', 'res.headers["set-cookie"]'],
      censor: '[disensor]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
