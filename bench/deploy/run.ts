/**
 * `svcforge deploy` under load, measured in one run on this machine (issue 9):
 *
 * 1. The gap of a single-instance deploy. A client on loopback sends GET /version every
 *    GAP_INTERVAL_MS (new connection each time, 1 s timeout) while `svcforge deploy`
 *    switches gin-hello between 1.0.0 and 2.0.0 (RUNS deploys, alternating). The gap is
 *    the time from the last answer of the old release to the first answer of the new one.
 *    Its peer, the budget, is measured in the same deploy from the supervisor's own logs:
 *      drain  host log "stopping pid=P" -> "exited pid=P"          (Ctrl+C to exit)
 *      start  host log "started pid=Q"  -> "listening on" in gin-hello.out.log
 *      probe  "listening on" -> the status.json write that first says healthy for pid Q
 *             (the supervisor's health interval bounds it)
 *      + 0.5 s
 *    Target: gap <= budget (median of the runs).
 * 2. A release with a 20 MB asset: the whole `svcforge deploy` of it (CLI, wall clock), and
 *    verify + unpack alone (Test-SvcForgeRelease + Expand-SvcForgeRelease, the functions the
 *    deploy's verify and unpack steps call) against Expand-Archive of the same zip, both in
 *    one pwsh process, interleaved. Target: verify + unpack <= 2x Expand-Archive.
 *
 * On Linux the service runs under Wine's SCM in a private prefix (BENCH_WINEPREFIX, default
 * /tmp/bench-wpfx), with the test shim standing in for the Windows-only cmdlets, as in
 * scripts/demo.ts. Port 8080 must be free: the run waits up to BENCH_PORT_WAIT_S (default
 * 600) for it and then fails naming the holder. The service is uninstalled (--purge) at the end.
 *
 * Run: npm run bench:deploy   (writes bench/deploy/results.md)
 *   BENCH_DEPLOY_RUNS=3 BENCH_UNPACK_ROUNDS=5 BENCH_WINEPREFIX=/tmp/bench-wpfx
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const prefix = path.resolve(process.env.BENCH_WINEPREFIX || '/tmp/bench-wpfx');
// test/support/wine.ts reads its prefix when loaded: set it first, then import.
process.env.SVCFORGE_WINEPREFIX = prefix;
const { ensurePrefix, hostExe, linuxPath, missingPrerequisite, queryState, stopService, deleteService, readLines, waitFor } =
  await import('../../test/support/wine.js');
const { psString } = await import('../../src/quote/powershell.js');

const RUNS = Number(process.env.BENCH_DEPLOY_RUNS || 3);
const UNPACK_ROUNDS = Number(process.env.BENCH_UNPACK_ROUNDS || 5);
const PORT_WAIT_S = Number(process.env.BENCH_PORT_WAIT_S || 600);
const GAP_INTERVAL_MS = 20;
const GAP_TIMEOUT_MS = 1_000;
const BLOB_BYTES = 20 * 1024 * 1024;
const PORT = 8080;
const PROBE_MARGIN_MS = 500;

const bin = path.join(repoRoot, 'bin', 'run.js');
const spec = path.join(repoRoot, 'examples', 'gin-hello', 'svcforge.release.yaml');
const pwshDir = path.join(repoRoot, '.tools', 'pwsh');
const pwsh = path.join(pwshDir, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
const svcforgeModule = path.join(repoRoot, 'ps-scripts', 'SvcForge', 'SvcForge.psd1');
const logDir = linuxPath('C:\\ProgramData\\svcforge\\gin-hello\\logs');
const hostLog = path.join(logDir, 'svcforge-host.log');
const outLog = path.join(logDir, 'gin-hello.out.log');
const statusFile = path.join(logDir, 'status.json');

const say = (message: string): void => void process.stderr.write(`bench:deploy: ${message}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------------------------
// Environment

function checkPrerequisites(): void {
  if (process.platform === 'win32') throw new Error('bench:deploy runs the Wine setup; on Windows run deploy by hand');
  const missing = missingPrerequisite([hostExe, pwsh, path.join(repoRoot, 'dist', 'cli.js')]);
  if (missing) throw new Error(`${missing}: run npm run setup && npm run build first`);
  if (spawnSync('wine', ['--version']).status !== 0) throw new Error('wine is not installed (apt-get install wine64)');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function portHolder(port: number): string {
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(ss.stdout)?.[1];
  let owner = '';
  if (pid) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      owner = env.find((v) => v.startsWith('WINEPREFIX=')) ?? '';
    } catch {
      // not ours to read
    }
  }
  return `${ss.stdout.trim() || 'unknown holder'}${owner ? ` (${owner})` : ''}`;
}

async function waitForPort(): Promise<void> {
  if (await portFree(PORT)) return;
  say(`port ${PORT} is taken by ${portHolder(PORT)}; waiting up to ${PORT_WAIT_S} s for it`);
  const deadline = Date.now() + PORT_WAIT_S * 1000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5_000));
    if (await portFree(PORT)) return;
  }
  throw new Error(
    `port ${PORT} is still taken after ${PORT_WAIT_S} s by ${portHolder(PORT)}: gin-hello listens there, so the gap would measure someone else's server; stop it, or run again later (BENCH_PORT_WAIT_S to wait longer)`,
  );
}

function cliEnv(state: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH: '/usr/share/gocode',
    PATH: `${pwshDir}${path.delimiter}${process.env.PATH ?? ''}`,
    SVCFORGE_SHIM: 'wine',
    SVCFORGE_SHIM_STATE: state,
    SVCFORGE_SESSION_PRELOAD: path.join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1'),
    SVCFORGE_WINEPREFIX: prefix,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    DISPLAY: '',
  };
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  endedAt: number;
}

/** Runs the svcforge CLI without blocking the event loop (the gap client keeps sending). */
function svcforge(env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, startedAt, endedAt: Date.now() }));
  });
}

function describeFailure(args: string[], run: CliRun): string {
  return `svcforge ${args.join(' ')} exited ${run.code} after ${run.endedAt - run.startedAt} ms\nstdout:\n${run.stdout.trim()}\nstderr:\n${run.stderr.trim()}`;
}

// ---------------------------------------------------------------------------------
// The gap client

interface Answer {
  sentAt: number;
  doneAt: number;
  version?: string;
  release?: string | null;
  error?: string;
}

function getVersion(sentAt: number): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port: PORT, path: '/version', agent: false, timeout: GAP_TIMEOUT_MS, headers: { Connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve({ sentAt, doneAt: Date.now(), error: e.message }));
        res.on('end', () => {
          const doneAt = Date.now();
          if (res.statusCode !== 200) return resolve({ sentAt, doneAt, error: `HTTP ${res.statusCode}` });
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { version?: string; release?: string | null };
            resolve({ sentAt, doneAt, version: String(body.version), release: body.release ?? null });
          } catch {
            resolve({ sentAt, doneAt, error: 'not JSON' });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${GAP_TIMEOUT_MS} ms`)));
    req.on('error', (e) => resolve({ sentAt, doneAt: Date.now(), error: e.message }));
  });
}

/** Starts a request every GAP_INTERVAL_MS (not waiting for the last one) until stopped. */
function startClient(): { stop: () => Promise<Answer[]> } {
  const pending: Promise<Answer>[] = [];
  const timer = setInterval(() => pending.push(getVersion(Date.now())), GAP_INTERVAL_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      return Promise.all(pending);
    },
  };
}

// ---------------------------------------------------------------------------------
// The budget, from the supervisor's logs

interface StatusSample {
  at: number; // status.json's mtime
  pid: number | null;
  release: string | null;
  lastHealth: string | null;
}

/** Polls status.json; keeps each distinct write (by mtime) with what it said. */
function startStatusWatch(): { stop: () => StatusSample[] } {
  const samples: StatusSample[] = [];
  let lastMtime = 0;
  const timer = setInterval(() => {
    try {
      const mtime = statSync(statusFile).mtimeMs;
      if (mtime === lastMtime) return;
      const status = JSON.parse(readFileSync(statusFile, 'utf8')) as { pid?: number | null; release?: string | null; last_health?: string | null };
      lastMtime = mtime;
      samples.push({ at: mtime, pid: status.pid ?? null, release: status.release ?? null, lastHealth: status.last_health ?? null });
    } catch {
      // being rewritten, or not there yet: the next poll sees it
    }
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

interface LogLine {
  at: number;
  text: string;
}

/** Host log: "2026-11-25T14:27:48.123Z info: ..." (UTC); program log: "2026-11-25T14:27:48.123 ..." (local time). */
function stampedLines(file: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of readLines(file)) {
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z?) (.*)$/.exec(line);
    if (m) lines.push({ at: new Date(m[1]!).getTime(), text: m[2]! });
  }
  return lines;
}

interface Budget {
  drainMs: number;
  startMs: number;
  probeMs: number;
  probeMeasured: boolean;
  totalMs: number;
  oldPid: number;
  newPid: number;
  /** Not in the budget: the old program's exit -> the host's "started pid=" for the new one. */
  turnaroundMs: number;
  /** a new host process started between the two (the whole service restarted instead of only its program) */
  hostRestarted: boolean;
}

function budgetFor(from: number, to: number, samples: StatusSample[], newVersion: string): Budget {
  const host = stampedLines(hostLog).filter((l) => l.at >= from - 1000 && l.at <= to + 1000);
  const stopping = host.find((l) => /stopping pid=\d+/.test(l.text));
  if (!stopping) throw new Error(`no "stopping pid=" line in ${hostLog} during the deploy`);
  const oldPid = Number(/stopping pid=(\d+)/.exec(stopping.text)![1]);
  const exited = host.find((l) => l.at >= stopping.at && l.text.includes(`exited pid=${oldPid} `));
  if (!exited) throw new Error(`no "exited pid=${oldPid}" line after "stopping pid=${oldPid}" in ${hostLog}`);
  const started = host.find((l) => l.at >= exited.at && /started pid=\d+/.test(l.text));
  if (!started) throw new Error(`no "started pid=" line after the old program exited in ${hostLog}`);
  const newPid = Number(/started pid=(\d+)/.exec(started.text)![1]);
  const hostRestarted = host.some((l) => l.at >= exited.at && l.at <= started.at && l.text.includes('supervising '));
  const listening = stampedLines(outLog).find((l) => l.at >= started.at && l.text.includes(`listening on`) && l.text.includes(`pid ${newPid},`));
  if (!listening) throw new Error(`no "listening on ... (pid ${newPid}, ...)" line in ${outLog} after "started pid=${newPid}"`);
  const healthy = samples.find((s) => s.pid === newPid && s.release === newVersion && s.lastHealth === 'healthy');
  // Without a healthy write seen (the status file was not polled in time), the health interval bounds it.
  const probeMs = healthy ? Math.max(0, healthy.at - listening.at) : 2_000;
  const drainMs = exited.at - stopping.at;
  const startMs = listening.at - started.at;
  return {
    drainMs,
    startMs,
    probeMs,
    probeMeasured: Boolean(healthy),
    totalMs: drainMs + startMs + probeMs + PROBE_MARGIN_MS,
    oldPid,
    newPid,
    turnaroundMs: started.at - exited.at,
    hostRestarted,
  };
}

// ---------------------------------------------------------------------------------
// Part 1: the gap

interface GapRun {
  from: string;
  to: string;
  sent: number;
  failed: number;
  failures: Record<string, number>;
  gapMs: number;
  budget: Budget;
  deployMs: number;
}

async function gapRun(env: NodeJS.ProcessEnv, zip: string, from: string, to: string): Promise<GapRun> {
  const before = await getVersion(Date.now());
  if (before.version !== from) throw new Error(`before deploying ${to}, GET /version should answer ${from}; got ${before.version ?? before.error}`);
  const watch = startStatusWatch();
  const client = startClient();
  const args = ['deploy', zip, spec, '--json'];
  const deploy = await svcforge(env, args);
  // Keep sending a moment after the deploy returns, so the run ends on the new release.
  await new Promise((r) => setTimeout(r, 500));
  const answers = await client.stop();
  const samples = watch.stop();
  if (deploy.code !== 0) throw new Error(describeFailure(args, deploy));
  const lastOld = answers.filter((a) => a.version === from).reduce((t, a) => Math.max(t, a.doneAt), -Infinity);
  const firstNew = answers.filter((a) => a.version === to).reduce((t, a) => Math.min(t, a.doneAt), Infinity);
  if (!Number.isFinite(lastOld) || !Number.isFinite(firstNew))
    throw new Error(`deploy ${from} -> ${to}: no answer from ${Number.isFinite(lastOld) ? to : from}`);
  const strangers = answers.filter((a) => a.version !== undefined && a.version !== from && a.version !== to);
  if (strangers.length) throw new Error(`deploy ${from} -> ${to}: ${strangers.length} answers from version ${strangers[0]!.version}: port ${PORT} is shared`);
  const failed = answers.filter((a) => a.error !== undefined);
  const failures: Record<string, number> = {};
  for (const a of failed) failures[a.error!] = (failures[a.error!] ?? 0) + 1;
  const wrongRelease = answers.filter((a) => a.version !== undefined && a.release !== a.version);
  if (wrongRelease.length)
    throw new Error(`deploy ${from} -> ${to}: GET /version said release ${wrongRelease[0]!.release} for version ${wrongRelease[0]!.version}`);
  return {
    from,
    to,
    sent: answers.length,
    failed: failed.length,
    failures,
    gapMs: firstNew - lastOld,
    budget: budgetFor(deploy.startedAt, deploy.endedAt, samples, to),
    deployMs: deploy.endedAt - deploy.startedAt,
  };
}

// ---------------------------------------------------------------------------------
// Part 2: 20 MB release

interface UnpackTimes {
  verifyMs: number[];
  unpackMs: number[];
  expandArchiveMs: number[];
  records: string[];
}

/** One pwsh, module imported once: a warm-up round, then rounds of (verify + unpack) and Expand-Archive, interleaved. */
function timeUnpack(zip: string, work: string): UnpackTimes {
  const script = `
$ErrorActionPreference = 'Stop'
Import-Module -Name ${psString(svcforgeModule)}
$zip = ${psString(zip)}
$work = ${psString(work)}
$results = [System.Collections.Generic.List[object]]::new()
foreach ($round in 0..${UNPACK_ROUNDS}) {
    $releases = Join-Path -Path $work -ChildPath "releases-$round"
    $plain = Join-Path -Path $work -ChildPath "expand-archive-$round"
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $verify = Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'gin-hello.exe' -Step 'verify'
    $verifyMs = $watch.Elapsed.TotalMilliseconds
    $watch.Restart()
    $unpack = Expand-SvcForgeRelease -Path $zip -ReleasesDir $releases -Step 'unpack'
    $unpackMs = $watch.Elapsed.TotalMilliseconds
    $watch.Restart()
    Expand-Archive -LiteralPath $zip -DestinationPath $plain
    $expandMs = $watch.Elapsed.TotalMilliseconds
    $results.Add([pscustomobject]@{ round = $round; verifyMs = $verifyMs; unpackMs = $unpackMs; expandArchiveMs = $expandMs; verify = $verify.detail; unpack = $unpack.detail; unpackStatus = $unpack.status })
    Remove-Item -LiteralPath $releases, $plain -Recurse -Force
}
$results | ConvertTo-Json -Compress
`;
  const result = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`pwsh (verify + unpack vs Expand-Archive) exited ${result.status}:\n${result.stdout}${result.stderr}`);
  const rounds = JSON.parse(result.stdout) as {
    round: number;
    verifyMs: number;
    unpackMs: number;
    expandArchiveMs: number;
    verify: string;
    unpack: string;
    unpackStatus: string;
  }[];
  const measured = rounds.filter((r) => r.round > 0); // round 0 warms up
  for (const r of measured) if (r.unpackStatus !== 'changed') throw new Error(`round ${r.round}: unpack did not unpack: ${r.unpack}`);
  return {
    verifyMs: measured.map((r) => r.verifyMs),
    unpackMs: measured.map((r) => r.unpackMs),
    expandArchiveMs: measured.map((r) => r.expandArchiveMs),
    records: [rounds[0]!.verify, rounds[0]!.unpack],
  };
}

/** A copy of the release spec in `dir` whose release has blob/** (a 20 MB random file) besides the program. */
function blobSpec(dir: string): string {
  const doc = YAML.parseDocument(readFileSync(spec, 'utf8'));
  doc.setIn(['release', 'assets'], ['blob/**']);
  const file = path.join(dir, 'svcforge.release.yaml');
  writeFileSync(file, doc.toString());
  mkdirSync(path.join(dir, 'blob'));
  writeFileSync(path.join(dir, 'blob', 'random.bin'), randomBytes(BLOB_BYTES));
  return file;
}

// ---------------------------------------------------------------------------------

async function cleanupService(env: NodeJS.ProcessEnv): Promise<string> {
  const args = ['uninstall', spec, '--purge'];
  const run = await svcforge(env, args);
  const state = await queryState('gin-hello').catch(() => undefined);
  if (run.code === 0 && !state) return `svcforge ${args.join(' ')}: exit 0, service gone`;
  // uninstall did not finish the job: say so, then remove the service with Wine's own tools.
  say(`cleanup: ${describeFailure(args, run)}; service state now ${state?.state ?? 'gone'}`);
  if (state) {
    if (state.state !== 'STOPPED') await stopService('gin-hello', 60_000).catch((e: Error) => say(`net stop: ${e.message}`));
    await deleteService('gin-hello');
  }
  return `svcforge ${args.join(' ')}: exit ${run.code}; removed with net stop + sc delete instead`;
}

async function main(): Promise<void> {
  checkPrerequisites();
  say(`preparing the Wine prefix ${prefix}`);
  await ensurePrefix();
  if (await queryState('gin-hello'))
    throw new Error(`service gin-hello already exists in ${prefix} (a previous run?): svcforge uninstall ${spec} --purge with WINEPREFIX=${prefix}`);
  await waitForPort();

  const work = mkdtempSync(path.join(os.tmpdir(), 'svcforge-bench-deploy-'));
  const state = path.join(work, 'shim-state');
  mkdirSync(state);
  const env = cliEnv(state);
  const zips: Record<string, string> = {};
  let cleanupNote = 'not needed';
  let installed = false;
  try {
    for (const version of ['1.0.0', '2.0.0']) {
      const args = ['build', spec, '--version', version, '--out', path.join(work, 'zips')];
      const built = await svcforge(env, args);
      if (built.code !== 0) throw new Error(describeFailure(args, built));
      zips[version] = path.join(work, 'zips', `gin-hello-${version}.zip`);
    }

    say('first deploy of 1.0.0 (installs the service)');
    installed = true;
    const firstArgs = ['deploy', zips['1.0.0']!, spec, '--json'];
    const first = await svcforge(env, firstArgs);
    if (first.code !== 0) throw new Error(describeFailure(firstArgs, first));
    await waitFor(async () => (await getVersion(Date.now())).version === '1.0.0', { timeoutMs: 30_000, what: 'GET /version to answer 1.0.0' });

    const runs: GapRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [from, to] = i % 2 === 0 ? ['1.0.0', '2.0.0'] : ['2.0.0', '1.0.0'];
      say(`gap run ${i + 1}/${RUNS}: deploy ${from} -> ${to}`);
      const run = await gapRun(env, zips[to]!, from, to);
      say(`  gap ${run.gapMs} ms, budget ${run.budget.totalMs} ms, ${run.failed}/${run.sent} failed, deploy ${run.deployMs} ms`);
      runs.push(run);
    }

    say('20 MB release: build, deploy, then verify + unpack vs Expand-Archive');
    const blobDir = path.join(work, 'blob-spec');
    mkdirSync(blobDir);
    const blobSpecFile = blobSpec(blobDir);
    const program = path.join(work, 'gin-hello.exe');
    const unzip = spawnSync('unzip', ['-p', zips['1.0.0']!, 'gin-hello.exe'], { maxBuffer: 64 * 2 ** 20 });
    if (unzip.status !== 0) throw new Error(`unzip -p gin-hello-1.0.0.zip gin-hello.exe: ${unzip.stderr.toString()}`);
    writeFileSync(program, unzip.stdout);
    // The peer: the same program without the asset, built and deployed the same way, no client running.
    const quiet: Record<string, { ms: number; after: Answer; zipBytes: number }> = {};
    for (const [version, specFile] of [
      ['3.0.0-small', spec],
      ['3.0.0-blob', blobSpecFile],
    ] as const) {
      const buildArgs = ['build', specFile, '--program', program, '--version', version, '--out', path.join(work, 'zips')];
      const built = await svcforge(env, buildArgs);
      if (built.code !== 0) throw new Error(describeFailure(buildArgs, built));
      const zip = path.join(work, 'zips', `gin-hello-${version}.zip`);
      const deployArgs = ['deploy', zip, spec, '--json'];
      const deployed = await svcforge(env, deployArgs);
      if (deployed.code !== 0) throw new Error(describeFailure(deployArgs, deployed));
      quiet[version] = { ms: deployed.endedAt - deployed.startedAt, after: await getVersion(Date.now()), zipBytes: statSync(zip).size };
      say(`  deploy ${version}: ${quiet[version].ms} ms`);
    }
    const blobZip = path.join(work, 'zips', 'gin-hello-3.0.0-blob.zip');
    const unpack = timeUnpack(blobZip, path.join(work, 'unpack'));

    cleanupNote = await cleanupService(env);
    installed = false;
    writeResults({ runs, quiet, unpack, cleanupNote });
  } finally {
    if (installed) cleanupNote = await cleanupService(env).catch((e: Error) => `cleanup failed: ${e.message}`);
    rmSync(work, { recursive: true, force: true });
    if (installed || cleanupNote.startsWith('cleanup failed')) say(cleanupNote);
  }
}

function writeResults(r: {
  runs: GapRun[];
  quiet: Record<string, { ms: number; after: Answer; zipBytes: number }>;
  unpack: UnpackTimes;
  cleanupNote: string;
}): void {
  const ms = (v: number): string => `${Math.round(v)} ms`;
  const gap = median(r.runs.map((run) => run.gapMs));
  const budget = median(r.runs.map((run) => run.budget.totalMs));
  const gapRatio = gap / budget;
  const gapRows = r.runs.map(
    (run, i) =>
      `| ${i + 1} | ${run.from} -> ${run.to} | ${run.sent} | ${run.failed} | ${ms(run.gapMs)} | ${ms(run.budget.drainMs)} | ${ms(run.budget.startMs)} | ${ms(run.budget.probeMs)}${run.budget.probeMeasured ? '' : ' (bound)'} | ${ms(run.budget.totalMs)} | ${(run.gapMs / run.budget.totalMs).toFixed(2)} | ${run.gapMs <= run.budget.totalMs ? 'PASS' : 'FAIL'} | ${(run.deployMs / 1000).toFixed(1)} s |`,
  );
  const failures: Record<string, number> = {};
  for (const run of r.runs) for (const [what, n] of Object.entries(run.failures)) failures[what] = (failures[what] ?? 0) + n;
  const restartRows = r.runs.map(
    (run, i) =>
      `| ${i + 1} | ${ms(run.budget.drainMs)} | ${ms(run.budget.turnaroundMs)} | ${run.budget.hostRestarted ? 'yes' : 'no'} | ${ms(run.budget.startMs)} |`,
  );
  const verify = median(r.unpack.verifyMs);
  const unpackMs = median(r.unpack.unpackMs);
  const both = median(r.unpack.verifyMs.map((v, i) => v + r.unpack.unpackMs[i]!));
  const expand = median(r.unpack.expandArchiveMs);
  const unpackRatio = both / expand;
  const blob = r.quiet['3.0.0-blob']!;
  const small = r.quiet['3.0.0-small']!;
  const answered = (a: Answer): string => (a.version ? `version ${a.version}, release ${a.release}` : (a.error ?? '?'));
  const pwshVersion = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
    encoding: 'utf8',
  }).stdout.trim();
  const wineVersion = spawnSync('wine', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const lines = [
    '## 1. Gap during a single-instance deploy',
    '',
    `GET /version every ${GAP_INTERVAL_MS} ms on a new connection (keep-alive off, ${GAP_TIMEOUT_MS} ms timeout) while \`svcforge deploy\` switches releases.`,
    'gap = last answer from the old release -> first answer from the new one (client clock).',
    'budget = drain (host log "stopping pid=" -> "exited pid=") + start ("started pid=" -> the program\'s "listening on")',
    `+ probe ("listening on" -> the status.json write that first says healthy; health interval 2 s bounds it) + ${PROBE_MARGIN_MS} ms.`,
    '',
    '| run | deploy | requests | failed | gap | drain | start | probe | budget | gap/budget | gap <= budget | deploy wall clock |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...gapRows,
    '',
    `Median gap **${ms(gap)}** vs median budget **${ms(budget)}**: gap/budget **${gapRatio.toFixed(2)}** (target gap <= budget: **${gapRatio <= 1 ? 'PASS' : 'FAIL'}**).`,
    `Failed requests (${r.runs.reduce((n, run) => n + run.failed, 0)} in all): ${
      Object.entries(failures)
        .map(([what, n]) => `${n} x ${what}`)
        .join('; ') || 'none'
    }.`,
    '',
    'Where the gap goes (host log, same runs; the deploy restarts only the program, through the host: `sc.exe control gin-hello 129`):',
    '',
    '| run | drain (Ctrl+C -> exit) | exit -> "started pid=" (not in the budget) | host restarted | "started pid=" -> "listening on" |',
    '|---:|---:|---:|---|---:|',
    ...restartRows,
    '',
    '## 2. A release with a 20 MB asset',
    '',
    `3.0.0-blob: ${(blob.zipBytes / 2 ** 20).toFixed(1)} MiB zip (gin-hello.exe + blob/random.bin, ${BLOB_BYTES / 2 ** 20} MiB of random bytes, so it does not compress),`,
    `built with \`--program\` from 1.0.0's gin-hello.exe (so /version says 1.0.0 and release 3.0.0-blob). 3.0.0-small: the same exe, no asset (${(small.zipBytes / 2 ** 20).toFixed(1)} MiB).`,
    '',
    '| what | time | what it is |',
    '|---|---:|---|',
    `| \`svcforge deploy\` 3.0.0-small | ${(small.ms / 1000).toFixed(1)} s | CLI wall clock, one run, no client: lock, install check, verify, unpack, switch, restart, gate (minHealthy 5 s), prune; then GET /version: ${answered(small.after)} |`,
    `| \`svcforge deploy\` 3.0.0-blob | ${(blob.ms / 1000).toFixed(1)} s | the same, right after it, with the 20 MB asset; then GET /version: ${answered(blob.after)} |`,
    `| Test-SvcForgeRelease | ${ms(verify)} | verify alone: every entry checked, names, links, sizes and the file list against release.json (the SHA-256 is checked by unpack) |`,
    `| Expand-SvcForgeRelease | ${ms(unpackMs)} | unpack alone: into .partial-*, each file's SHA-256 checked on the bytes written, flushed to disk, one rename |`,
    `| verify + unpack | ${ms(both)} | the deploy's verify and unpack steps, in one pwsh with SvcForge imported |`,
    `| Expand-Archive | ${ms(expand)} | the same 3.0.0-blob zip, same pwsh process, interleaved with the line above |`,
    '',
    'The last four are medians of the rounds, times taken inside pwsh (Stopwatch) around each call; pwsh runs natively on Linux here, as it does for the deploy itself.',
    `verify + unpack / Expand-Archive: **${unpackRatio.toFixed(2)}x** (target <= 2x: **${unpackRatio <= 2 ? 'PASS' : 'FAIL'}**); medians of ${UNPACK_ROUNDS} rounds after one warm-up round.`,
    `Records of the first round: ${r.unpack.records.map((t) => `"${t}"`).join(', ')}.`,
  ];
  const machine = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} shared cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `- ${os.type()} ${os.release()}, Node ${process.version}, PowerShell ${pwshVersion} (native, with the test shim), ${wineVersion}: the service, svcforge-host.exe and gin-hello.exe run under Wine's SCM in ${prefix}`,
    `- cleanup: ${r.cleanupNote}`,
  ];
  const report = [
    '# Deploy benchmark (issue 9)',
    '',
    'Written by `npm run bench:deploy` (bench/deploy/run.ts); numbers from the last run, not edited.',
    'Each target is a ratio against a peer measured in the same run.',
    '',
    ...lines,
    '',
    '## Machine',
    ...machine,
    '',
  ]
    .join('\n')
    // Paths relative to the repo, and the temp folder by name: the file reads the same from any checkout.
    .replaceAll(path.resolve(repoRoot) + path.sep, '')
    .replaceAll(os.tmpdir(), '$TMPDIR');
  process.stdout.write(report);
  writeFileSync(path.join(import.meta.dirname, 'results.md'), report);
}

main().catch((error: Error) => {
  process.stderr.write(`bench:deploy failed: ${error.message}\n`);
  process.exit(1);
});
