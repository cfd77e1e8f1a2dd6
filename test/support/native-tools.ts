/** Native test oracles: the C config parser (conf-dump) and Windows' CommandLineToArgvW under Wine. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');
const buildDir = join(repoRoot, 'test', '.build');

export function confDumpPath(): string {
  execFileSync('make', ['-s', '-C', join(repoRoot, 'supervisor'), 'conf-dump'], { stdio: 'pipe' });
  return join(repoRoot, 'supervisor', 'build', 'native', 'conf-dump');
}

/** The supervisor's metrics formatter fed a fully populated snapshot (supervisor/tools/metrics-sample.c). */
export function metricsSamplePath(): string {
  execFileSync('make', ['-s', '-C', join(repoRoot, 'supervisor'), 'metrics-sample'], { stdio: 'pipe' });
  return join(repoRoot, 'supervisor', 'build', 'native', 'metrics-sample');
}

export interface ConfDumpResult {
  ok: boolean;
  config?: Record<string, unknown>;
  errors?: string[];
}

/** Parses many config files with one conf-dump process. */
export function confDumpBatch(files: string[]): ConfDumpResult[] {
  const result = spawnSync(confDumpPath(), ['--batch'], { input: `${files.join('\n')}\n`, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  // conf-dump is built with the sanitizers: a leak or an overflow ends it non-zero
  if (result.status !== 0) throw new Error(`conf-dump --batch exited ${result.status}:\n${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ConfDumpResult);
}

export function haveWine(): boolean {
  return spawnSync('sh', ['-c', 'command -v wine && command -v x86_64-w64-mingw32-gcc'], { stdio: 'ignore' }).status === 0;
}

function argvSplitExe(): string {
  const source = join(repoRoot, 'test', 'support', 'native', 'argv-split.c');
  const exe = join(buildDir, 'argv-split.exe');
  if (!existsSync(exe)) {
    mkdirSync(buildDir, { recursive: true });
    execFileSync('x86_64-w64-mingw32-gcc', ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-municode', '-static', '-o', exe, source, '-lshell32']);
  }
  return exe;
}

/** test/support/native/secret-probe.c, built on demand: prints the FNV-1a 64 hash of SVCFORGE_TEST_SECRET and keeps running. */
export function secretProbeExe(): string {
  const source = join(repoRoot, 'test', 'support', 'native', 'secret-probe.c');
  const exe = join(buildDir, 'secret-probe.exe');
  if (!existsSync(exe)) {
    mkdirSync(buildDir, { recursive: true });
    execFileSync('x86_64-w64-mingw32-gcc', ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-municode', '-static', '-o', exe, source]);
  }
  return exe;
}

/** Splits command lines with the real CommandLineToArgvW (Wine's shell32). */
export function commandLineToArgv(commandLines: string[]): string[][] {
  const prefix = execFileSync('bash', [join(repoRoot, 'scripts', 'wine-env.sh')], {
    encoding: 'utf8',
    env: { ...process.env, WINEPREFIX: process.env.SVCFORGE_WINEPREFIX ?? join(repoRoot, '.wine') },
  }).trim();
  const input = Buffer.concat(commandLines.map((line) => Buffer.concat([Buffer.from(line, 'utf8'), Buffer.from([0])])));
  const result = spawnSync('wine', [argvSplitExe()], {
    input,
    env: { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' },
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`argv-split failed (${result.status}): ${result.stderr.toString()}`);
  return parseLengthPrefixed(result.stdout);
}

function parseLengthPrefixed(output: Buffer): string[][] {
  const records: string[][] = [];
  let current: string[] = [];
  let offset = 0;
  while (offset < output.length) {
    if (output[offset] === 0x3b) {
      records.push(current);
      current = [];
      offset += 1;
      continue;
    }
    const colon = output.indexOf(0x3a, offset);
    const length = Number(output.subarray(offset, colon).toString('ascii'));
    current.push(output.subarray(colon + 1, colon + 1 + length).toString('utf8'));
    offset = colon + 1 + length;
  }
  return records;
}
