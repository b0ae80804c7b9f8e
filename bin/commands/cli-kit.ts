import { ConfigError, loadConfig, type Config } from '../../lib/config';
import { loadEnvFile } from '../../lib/load-env-file';
import { createLogger, type Logger } from '../../lib/logger';

/** The configuration and a logger for one command; an invalid configuration stops it with exit code 2. */
export function setup(name: string): { config: Config; logger: Logger } {
  loadEnvFile();
  try {
    const config = loadConfig();
    return { config, logger: createLogger(config.logLevel, name) };
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nLihat .env.example dan README.md untuk daftar pengaturan.\n`);
      process.exit(2);
    }
    throw err;
  }
}

export function fail(logger: Logger) {
  return (err: unknown) => {
    logger.fatal({ err }, 'command failed');
    process.exit(1);
  };
}
