/** Where the package is installed and what version it is, read once. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/package-info.js and src/package-info.ts both sit one level below the root. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const packageVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
