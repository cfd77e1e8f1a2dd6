/**
 * Helpers for running svcforge-host.exe as a real service under Wine's SCM in tests.
 * Config files are written by hand by each test (supervisor/FORMAT.md), never by the CLI.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'mocha';
import {
  createService,
  ensurePrefix,
  hostExe,
  missingPrerequisite,
  queryState,
  readLines,
  readText,
  repoRoot,
  run,
  testDir,
  testprogsDir,
  waitFor,
  winPath,
} from './wine.js';
import { skipForMissing } from './skip.js';

/** In a mocha `before`: skip the suite, saying why, when a needed exe is not built. */
export async function requireBuilt(ctx: Context, files: readonly string[]): Promise<void> {
  ctx.timeout(240_000);
  // The test programs are fixtures of these tests: build them when missing (idempotent,
  // seconds). The host itself comes from the product build (`npm run build`).
  if (files.some((f) => f.startsWith(testprogsDir + path.sep) && !existsSync(f)) && existsSync(path.join(repoRoot, 'supervisor', 'Makefile'))) {
    const r = await run('make', ['-s', '-C', path.join(repoRoot, 'supervisor'), 'testprogs'], { timeoutMs: 180_000 });
    if (r.code !== 0) throw new Error(`make -C supervisor testprogs failed:\n${r.stdout}${r.stderr}`);
  }
  const missing = missingPrerequisite(files);
  if (missing) {
    skipForMissing(ctx, missing, 'build it: make -C supervisor && make -C supervisor testprogs');
    return;
  }
  await ensurePrefix();
}

export interface HostService {
  name: string;
  /** C:\svcforge-tests\<name> as Linux and Windows paths */
  dir: { linux: string; win: string };
  logDir: { linux: string; win: string };
  confLinux: string;
  confWin: string;
  hostLog: string;
  statusFile: string;
  outLog: string;
  errLog: string;
}

/**
 * Makes a fresh folder for service `name`, writes `conf(logDirWin)` as its config
 * (svcforge-host.conf, CRLF) and registers it with `sc.exe create`:
 * binPath = "svcforge-host.exe" service "C:\svcforge-tests\<name>\svcforge-host.conf".
 */
export async function installHostService(name: string, conf: (logDirWin: string) => string): Promise<HostService> {
  const dir = testDir(name);
  const logLinux = path.join(dir.linux, 'logs');
  const logDir = { linux: logLinux, win: winPath(logLinux) };
  const confLinux = path.join(dir.linux, 'svcforge-host.conf');
  writeFileSync(confLinux, conf(logDir.win).replace(/\r?\n/g, '\r\n'));
  const confWin = winPath(confLinux);
  await createService(name, `"${winPath(hostExe)}" service "${confWin}"`);
  return {
    name,
    dir,
    logDir,
    confLinux,
    confWin,
    hostLog: path.join(logLinux, 'svcforge-host.log'),
    statusFile: path.join(logLinux, 'status.json'),
    outLog: path.join(logLinux, `${name}.out.log`),
    errLog: path.join(logLinux, `${name}.err.log`),
  };
}

export interface HostStatus {
  service: string;
  state: string;
  pid: number | null;
  port: number | null;
  restarts: number;
  last_exit_code: number | null;
  started_at: string | null;
  last_health: string | null;
  next_start_in_ms: number | null;
  memory_bytes: number;
  /** release mode: the release the child runs; null otherwise */
  release: string | null;
  /** restarts by reason: crash, exit_code, health, memory, manual */
  restart_reasons?: Record<string, number>;
}

export function readStatus(svc: HostService): HostStatus | undefined {
  const text = readText(svc.statusFile);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as HostStatus;
  } catch {
    return undefined; // written atomically, so this would be a defect; the caller's wait reports it
  }
}

/** Waits until `file` has a line matching `re`; returns the match. */
export function waitForLine(file: string, re: RegExp, what: string, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return waitFor(
    () => {
      for (const line of readLines(file)) {
        const m = re.exec(line);
        if (m) return m;
      }
      return undefined;
    },
    { timeoutMs, what: `${what} (${re}) in ${path.basename(file)}`, describe: () => tail(file) },
  );
}

/** All matches of `re` in the lines of `file`. */
export function matchLines(file: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const line of readLines(file)) {
    const m = re.exec(line);
    if (m) out.push(m);
  }
  return out;
}

export function tail(file: string, n = 15): string {
  const lines = readLines(file);
  return lines.length ? '\n  ' + lines.slice(-n).join('\n  ') : `(${path.basename(file)} empty or missing)`;
}

export async function waitForState(name: string, state: string, timeoutMs = 30_000, hostLog?: string): Promise<void> {
  await waitFor(async () => (await queryState(name))?.state === state, {
    timeoutMs,
    intervalMs: 200,
    what: `service ${name} to be ${state}`,
    describe: async () => `${(await queryState(name))?.state ?? 'no such service'}${hostLog ? tail(hostLog) : ''}`,
  });
}

/** Milliseconds since epoch of a host log line ("2026-11-25T14:27:48.123Z info: ..."). */
export function hostLogTime(line: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) /.exec(line);
  if (!m) throw new Error(`host log line without a timestamp: ${line}`);
  return Date.parse(m[1]!);
}
