/**
 * Test support for the Wine layer: a private Wine prefix with a persistent wineserver,
 * a `wine` runner with timeouts, path conversion for the prefix's drive_c, Windows
 * service helpers over Wine's real SCM (`sc.exe`, `net.exe`), polling with a deadline,
 * and cleanup of what a test created.
 *
 * The prefix comes from SVCFORGE_WINEPREFIX (default: <repo>/.wine) and is prepared by
 * scripts/wine-env.sh (wineboot once, `wineserver -w`, then `wineserver -p`).
 *
 * Reading `sc.exe query` text is acceptable here and only here: Wine's output is
 * English and fixed. Product scripts read CIM or the registry instead (DESIGN.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const winePrefix = path.resolve(process.env.SVCFORGE_WINEPREFIX || path.join(repoRoot, '.wine'));

/** Where the build puts things; tests skip (with this path as the reason) when absent. */
export const hostExe = path.join(repoRoot, 'supervisor', 'dist', 'svcforge-host.exe');
export const testprogsDir = path.join(repoRoot, 'supervisor', 'build', 'testprogs');
export const ginDir = path.join(repoRoot, 'examples', 'gin-hello');
export const ginExe = path.join(ginDir, 'dist', 'gin-hello.exe');
export const testprog = (name: string): string => path.join(testprogsDir, `${name}.exe`);

export function wineEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WINEPREFIX: winePrefix,
    WINEDEBUG: process.env.WINEDEBUG ?? '-all',
    WINEARCH: 'win64',
    DISPLAY: '',
    ...extra,
  };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  /** Reject when the exit code is not 0 (default false: the caller inspects `code`). */
  check?: boolean;
}

/** Decodes what a Windows program printed: UTF-16LE (NSSM) or UTF-8 (everything else). */
export function decodeOutput(buf: Buffer): string {
  if (buf.length >= 4) {
    let zeros = 0;
    for (let i = 1; i < Math.min(buf.length, 200); i += 2) if (buf[i] === 0) zeros++;
    if (zeros > Math.min(buf.length, 200) / 4) return buf.toString('utf16le').replace(/^\uFEFF/, '');
  }
  return buf.toString('utf8');
}

/** Runs a Linux command with a deadline; the timeout kills that one process (by pid). */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd ?? repoRoot,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')}: ${e.message}`));
    });
    // Resolve on 'exit', not only 'close': a Wine system process (wineserver, services.exe)
    // started by this command inherits its stdout/stderr and may hold them open forever.
    // After the exit, give the pipes a moment to drain, then stop reading.
    let settled = false;
    child.on('exit', () => {
      setTimeout(() => {
        if (settled) return;
        child.stdout!.destroy();
        child.stderr!.destroy();
        finish(child.exitCode, child.signalCode);
      }, 250);
    });
    child.on('close', (code, signal) => finish(code, signal));
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const result: RunResult = {
        code,
        signal,
        stdout: decodeOutput(Buffer.concat(out)),
        stderr: decodeOutput(Buffer.concat(err)),
        ms: Date.now() - started,
      };
      const what = `${cmd} ${args.join(' ')}`;
      if (timedOut) reject(new Error(`${what}: no exit within ${timeoutMs} ms\nstdout: ${result.stdout}\nstderr: ${result.stderr}`));
      else if (opts.check && code !== 0) reject(new Error(`${what}: exit ${code ?? signal}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`));
      else resolve(result);
    };
  });
}

/** Runs a Windows program (path or builtin like `sc.exe`) under Wine in the test prefix. */
export function wine(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return run('wine', args, { ...opts, env: wineEnv(opts.env ?? {}) });
}

let prefixReady: Promise<string> | undefined;
/** Creates/boots the prefix once per process and starts a persistent wineserver. */
export function ensurePrefix(): Promise<string> {
  prefixReady ??= run('bash', [path.join(repoRoot, 'scripts', 'wine-env.sh')], {
    env: wineEnv(),
    timeoutMs: 180_000,
    check: true,
  }).then((r) => r.stdout.trim());
  return prefixReady;
}

/** Linux path -> Windows path: inside the prefix's drive_c gives C:\..., anything else Z:\... */
export function winPath(linux: string): string {
  const abs = path.resolve(linux);
  const driveC = path.join(winePrefix, 'drive_c');
  if (abs === driveC || abs.startsWith(driveC + path.sep)) {
    return (
      'C:\\' +
      abs
        .slice(driveC.length + 1)
        .split(path.sep)
        .join('\\')
    );
  }
  return 'Z:' + abs.split(path.sep).join('\\');
}

/** Windows path (C:\... or Z:\...) -> Linux path in this prefix. */
export function linuxPath(win: string): string {
  const m = /^([A-Za-z]):[\\/]?(.*)$/.exec(win);
  if (!m) throw new Error(`not an absolute Windows path: ${win}`);
  const drive = m[1]!.toLowerCase();
  const rest = m[2]!.split(/[\\/]+/).filter(Boolean);
  if (drive === 'c') return path.join(winePrefix, 'drive_c', ...rest);
  if (drive === 'z') return path.join('/', ...rest);
  throw new Error(`no mapping for drive ${drive.toUpperCase()}: in ${win}`);
}

/** A fresh, empty folder under C:\svcforge-tests\<name> (removed first if left over). */
export function testDir(name: string): { linux: string; win: string } {
  const linux = path.join(winePrefix, 'drive_c', 'svcforge-tests', name);
  rmSync(linux, { recursive: true, force: true });
  mkdirSync(linux, { recursive: true });
  return { linux, win: winPath(linux) };
}

// ---------------------------------------------------------------------------------
// Polling

export interface WaitOptions {
  timeoutMs: number;
  /** Said in the timeout error: what was awaited. */
  what: string;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined/false/null, and returns
 * that value. On the deadline, throws naming `what` and the last observation (the probe
 * may return a `{ pending: detail }`-free string via `describe`).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions & { describe?: () => string | Promise<string> },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      let detail = '';
      if (opts.describe) {
        try {
          detail = `; last seen: ${await opts.describe()}`;
        } catch (e) {
          detail = `; describe failed: ${String(e)}`;
        }
      }
      if (lastError) detail += `; last error: ${String(lastError)}`;
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ---------------------------------------------------------------------------------
// Services (Wine's SCM)

const createdServices = new Set<string>();

export interface ServiceState {
  state: string; // RUNNING, STOPPED, START_PENDING, STOP_PENDING, ...
  win32ExitCode: number;
  serviceExitCode: number;
}

export async function createService(name: string, binPath: string, opts: { start?: 'demand' | 'auto' } = {}): Promise<void> {
  await ensurePrefix();
  const r = await wine(['sc.exe', 'create', name, 'binPath=', binPath, 'start=', opts.start ?? 'demand'], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`sc.exe create ${name} failed (exit ${r.code}): ${r.stdout}${r.stderr}`);
  createdServices.add(name);
}

/** `sc.exe start`: asks the SCM to start and returns; wait for RUNNING with waitFor. */
export async function startService(name: string): Promise<RunResult> {
  return wine(['sc.exe', 'start', name], { timeoutMs: 60_000 });
}

/**
 * `net stop NAME`, then waits for STOPPED. Wine's net.exe returns as soon as the SCM
 * accepted the stop control (it prints "stopped successfully" while the service is
 * still STOP_PENDING), so the wait is ours. Resolves with net.exe's result; rejects
 * naming the last state when the service is not STOPPED by the deadline.
 */
export async function stopService(name: string, timeoutMs = 90_000): Promise<RunResult> {
  const deadline = Date.now() + timeoutMs;
  const r = await wine(['net.exe', 'stop', name], { timeoutMs });
  await waitFor(async () => (await queryState(name))?.state === 'STOPPED', {
    timeoutMs: Math.max(1_000, deadline - Date.now()),
    intervalMs: 100,
    what: `service ${name} to reach STOPPED after net stop (${r.stdout.trim()})`,
    describe: async () => (await queryState(name))?.state ?? 'no such service',
  });
  return r;
}

/** Parses `sc.exe query NAME`; undefined when the service does not exist. */
export async function queryState(name: string): Promise<ServiceState | undefined> {
  const r = await wine(['sc.exe', 'query', name], { timeoutMs: 30_000 });
  const state = /STATE\s*:\s*\d+\s+(\w+)/.exec(r.stdout);
  if (!state) return undefined;
  const w = /WIN32_EXIT_CODE\s*:\s*(\d+)/.exec(r.stdout);
  const s = /SERVICE_EXIT_CODE\s*:\s*(\d+)/.exec(r.stdout);
  return { state: state[1]!, win32ExitCode: Number(w?.[1] ?? NaN), serviceExitCode: Number(s?.[1] ?? NaN) };
}

export async function deleteService(name: string): Promise<void> {
  await wine(['sc.exe', 'delete', name], { timeoutMs: 30_000 });
  createdServices.delete(name);
}

/**
 * Removes a service from the prefix whatever state a run left it in (stopped first, then
 * deleted; errors ignored), and kills what is left of the programs named in `exeNames`.
 */
export async function removeServiceFromPrefix(name: string, exeNames: readonly string[] = []): Promise<void> {
  const st = await queryState(name).catch(() => undefined);
  if (st && st.state !== 'STOPPED') await stopService(name, 60_000).catch(() => undefined);
  if (st) await deleteService(name).catch(() => undefined);
  for (const p of exeNames.length ? prefixProcesses(exeNames) : []) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------------------------
// Processes in the prefix

export interface WineProcess {
  pid: number;
  cmdline: string;
}

/** Linux processes that belong to this prefix (WINEPREFIX in their environment) and whose
 * command line mentions one of `names` (case-insensitive), e.g. 'gin-hello.exe'. */
export function prefixProcesses(names: readonly string[]): WineProcess[] {
  const found: WineProcess[] = [];
  const wanted = names.map((n) => n.toLowerCase());
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (!environ.includes(`WINEPREFIX=${winePrefix}`)) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim();
      const lower = cmdline.toLowerCase();
      if (wanted.some((w) => lower.includes(w))) found.push({ pid: Number(entry), cmdline });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Resident set size (bytes) of a Linux process, from /proc/PID/status. */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Executables the tests run; cleanup kills leftovers of these in the test prefix only. */
export const testExeNames = ['svcforge-host.exe', 'gin-hello.exe', 'lines.exe', 'crash.exe', 'stubborn.exe', 'ctrlc.exe', 'envdump.exe'];

/**
 * Stops and deletes every service this process created, then kills (by pid) any of the
 * test executables still alive in the test prefix. Call from afterEach.
 */
export async function cleanup(): Promise<void> {
  for (const name of [...createdServices]) {
    const st = await queryState(name).catch(() => undefined);
    if (st && st.state !== 'STOPPED') await stopService(name, 30_000).catch(() => undefined);
    await deleteService(name).catch(() => undefined);
  }
  for (const p of prefixProcesses(testExeNames)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------------------------
// Network

export interface HttpResult {
  status: number;
  body: string;
}

export function httpGet(url: string, timeoutMs = 5_000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** A loopback TCP port that was free a moment ago (bind to :0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Occupies 127.0.0.1:port from Linux (Wine shares the host's network stack). */
export function occupyPort(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer((sock) => sock.destroy());
    srv.on('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

// ---------------------------------------------------------------------------------
// Files

export function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Lines of a text file (CRLF or LF), without the final empty element. */
export function readLines(file: string): string[] {
  const text = readText(file);
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Why a Wine test cannot run here, or undefined when it can. Never a reason to fake. */
export function missingPrerequisite(files: readonly string[]): string | undefined {
  for (const f of files) if (!existsSync(f)) return `${path.relative(repoRoot, f)} is not built`;
  return undefined;
}
