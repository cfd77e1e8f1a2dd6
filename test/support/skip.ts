/**
 * The one way a test skips for a missing tool. Under CI=true it fails instead:
 * CI installs every tool scripts/setup.sh names, so a skip there hides a broken setup
 * and would leave a suite green without having run.
 */
import type { Context } from 'mocha';
import { haveWine } from './native-tools.js';
import { havePwsh, pwshPath } from './pwsh.js';

export function skipForMissing(ctx: Context, missing: string, fix: string): void {
  if (process.env.CI === 'true') throw new Error(`${missing}; under CI=true a missing tool fails the test instead of skipping it: ${fix}`);
  console.log(`      skipped: ${missing}; ${fix}`);
  ctx.skip();
}

export function requirePwsh(ctx: Context): void {
  if (!havePwsh()) skipForMissing(ctx, `pwsh is not installed at ${pwshPath}`, 'run `bash scripts/setup.sh`');
}

export function requireWine(ctx: Context): void {
  if (!haveWine()) skipForMissing(ctx, 'wine or x86_64-w64-mingw32-gcc is not installed', 'run `bash scripts/setup.sh`');
}
