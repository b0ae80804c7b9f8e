import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

/** Reads `.env` from the project root when there is one; variables already set win. */
export function loadEnvFile(file = path.join(projectRoot, '.env')): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
