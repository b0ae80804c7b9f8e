import fs from 'node:fs';
import path from 'node:path';

const STORED = /^([0-9a-f]{2})\/([0-9a-f]{2})\/(\1\2[0-9a-f]{60})$/;

/** The SHA-256 names of the files in the content-addressed store (temporary `.tmp` writes left out). */
export function listStoredFiles(filesDir: string): string[] {
  if (!fs.existsSync(filesDir)) return [];
  return (fs.readdirSync(filesDir, { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .map((p) => STORED.exec(p)?.[3])
    .filter((sha): sha is string => sha !== undefined)
    .sort();
}
