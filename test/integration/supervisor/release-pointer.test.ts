/**
 * Release mode under Wine's SCM: svcforge-host.exe reads release_pointer at every child
 * start and runs <release_root>\<version>\<program>. Two real Gin builds (-X main.version)
 * are the releases; /version shows both the built-in version and SVCFORGE_RELEASE.
 */
import { expect } from 'chai';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cleanup,
  freePort,
  ginDir,
  hostExe,
  httpGet,
  prefixProcesses,
  readText,
  repoRoot,
  run,
  startService,
  stopService,
  waitFor,
  wine,
  winPath,
} from '../../support/wine.js';
import { type HostService, installHostService, matchLines, readStatus, requireBuilt, tail, waitForLine, waitForState } from '../../support/supervisor.js';

const buildDir = path.join(repoRoot, 'test', '.build', 'gin-releases');
const builtGin = (version: string): string => path.join(buildDir, version, 'gin-hello.exe');

async function buildGin(version: string): Promise<void> {
  const r = await run('bash', [path.join(ginDir, 'build.sh')], { env: { ...process.env, VERSION: version, OUT: builtGin(version) }, timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`VERSION=${version} examples/gin-hello/build.sh failed:\n${r.stderr}${r.stdout}`);
}

/** What deploy does: write a temp file, then one rename over the old pointer. */
function switchPointer(pointer: string, release: string): void {
  const temp = `${pointer}.tmp`;
  writeFileSync(temp, `version = 1\r\nrelease = ${release}\r\n`);
  renameSync(temp, pointer);
}

async function versionAnswer(port: number, svc: HostService, want: string): Promise<{ version: string; release: string | null }> {
  return waitFor(
    async () => {
      const r = await httpGet(`http://127.0.0.1:${port}/version`, 2_000).catch(() => undefined);
      if (r?.status !== 200) return undefined;
      const body = JSON.parse(r.body) as { version: string; release: string | null };
      return body.version === want ? body : undefined;
    },
    { timeoutMs: 60_000, what: `GET /version to answer ${want}`, describe: () => tail(svc.hostLog) + tail(svc.outLog) },
  );
}

describe('svcforge-host.exe release mode (release_root / release_pointer) under Wine', function () {
  before(async function () {
    this.timeout(900_000);
    await buildGin('1.0.0');
    await buildGin('2.0.0');
    await requireBuilt(this, [hostExe, builtGin('1.0.0'), builtGin('2.0.0')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it('runs the release the pointer names, switches on restart after an atomic rename, and refuses a missing release instead of running the old one', async function () {
    this.timeout(600_000);
    const port = await freePort();
    let releaseRoot = '';
    let pointer = '';
    const svc = await installHostService('sftest-release', (logDir) => {
      const dir = logDir.replace(/\\logs$/, '');
      return `
version = 1
name = sftest-release
release_root = ${dir}\\release store
release_pointer = ${dir}\\data\\release.conf
program = gin-hello.exe
env = PORT=${port}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 300
backoff_max_ms = 1000
backoff_jitter_percent = 0
`;
    });
    releaseRoot = path.join(svc.dir.linux, 'release store');
    pointer = path.join(svc.dir.linux, 'data', 'release.conf');
    for (const version of ['1.0.0', '2.0.0']) {
      mkdirSync(path.join(releaseRoot, version), { recursive: true });
      copyFileSync(builtGin(version), path.join(releaseRoot, version, 'gin-hello.exe'));
    }
    mkdirSync(path.dirname(pointer), { recursive: true });
    const pointerWin = winPath(pointer);

    // check resolves the pointer: no pointer yet is exit 2 naming the file.
    let check = await wine([hostExe, 'check', svc.confWin]);
    expect(check.code, check.stderr).to.equal(2);
    expect(check.stderr).to.include(`release pointer ${pointerWin}: cannot read it`);
    switchPointer(pointer, '1.0.0');
    check = await wine([hostExe, 'check', svc.confWin]);
    expect(check.code, check.stderr).to.equal(0);
    expect(check.stderr).to.include('ok (release 1.0.0: ');

    // Release A: the program from its folder, SVCFORGE_RELEASE exported, status.json says so.
    expect((await startService(svc.name)).code).to.equal(0);
    expect(await versionAnswer(port, svc, '1.0.0')).to.deep.equal({ version: '1.0.0', release: '1.0.0' });
    const firstStart = await waitForLine(svc.hostLog, /info: started pid=\d+: (.*)$/, 'the host starting release A');
    expect(firstStart[1]).to.include(`"${winPath(path.join(releaseRoot, '1.0.0', 'gin-hello.exe'))}"`);
    await waitFor(() => readStatus(svc)?.release === '1.0.0' && readStatus(svc)?.state === 'running', {
      timeoutMs: 30_000,
      what: 'status.json to show release 1.0.0 running',
      describe: () => readText(svc.statusFile),
    });

    // Switch with one rename, restart: release B runs.
    switchPointer(pointer, '2.0.0');
    expect((await stopService(svc.name)).code).to.equal(0);
    expect(readStatus(svc)).to.include({ state: 'stopped', release: '1.0.0' });
    expect((await startService(svc.name)).code).to.equal(0);
    expect(await versionAnswer(port, svc, '2.0.0')).to.deep.equal({ version: '2.0.0', release: '2.0.0' });
    await waitFor(() => readStatus(svc)?.release === '2.0.0', {
      timeoutMs: 30_000,
      what: 'status.json release 2.0.0',
      describe: () => readText(svc.statusFile),
    });

    // Pointer names a release that is not there; the child dies (killed from Linux, which
    // Wine reports as exit code 0, hence restart = always): the next start must
    // not fall back to 2.0.0. One clear line, backoff, nothing listening.
    switchPointer(pointer, '3.0.0');
    const missingProgram = winPath(path.join(releaseRoot, '3.0.0', 'gin-hello.exe'));
    for (const p of prefixProcesses(['gin-hello.exe'])) process.kill(p.pid, 'SIGKILL');
    const failed = await waitForLine(svc.hostLog, /error: start failed: release 3\.0\.0 .*$/, 'the host refusing the missing release');
    expect(failed[0]).to.include(`(named by ${pointerWin}) has no program ${missingProgram} (GetFileAttributesW error`);
    const backoff = await waitFor(
      () => {
        const s = readStatus(svc);
        return s?.state === 'backoff' ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'status.json to show backoff', describe: () => readText(svc.statusFile) },
    );
    expect(backoff).to.include({ pid: null, release: null });
    expect(prefixProcesses(['gin-hello.exe']), 'no release runs').to.have.length(0);
    const refused = await httpGet(`http://127.0.0.1:${port}/version`, 2_000).then(
      (r) => `answered ${r.status}`,
      () => 'no answer',
    );
    expect(refused).to.equal('no answer');
    check = await wine([hostExe, 'check', svc.confWin]);
    expect(check.code).to.equal(2);
    expect(check.stderr).to.include(`release 3.0.0 (named by ${pointerWin}) has no program ${missingProgram}`);

    // An invalid pointer is named with its line; then pointing back heals it on the next
    // backoff attempt, with no SCM restart.
    switchPointer(pointer, 'NUL');
    await waitForLine(
      svc.hostLog,
      new RegExp(`start failed: release pointer ${pointerWin.replace(/\\/g, '\\\\')}:2: release: .*device name`),
      'the invalid pointer named',
    );
    switchPointer(pointer, '2.0.0');
    expect(await versionAnswer(port, svc, '2.0.0')).to.deep.equal({ version: '2.0.0', release: '2.0.0' });
    await waitForState(svc.name, 'RUNNING', 5_000, svc.hostLog);
    expect(matchLines(svc.hostLog, /start failed: release 3\.0\.0/).length).to.be.greaterThan(0);
    expect(matchLines(svc.hostLog, /info: started pid=\d+: .*\\1\.0\.0\\/), 'release A started once, at the beginning').to.have.length(1);
  });

  it('restarts only the program on `svcforge-host.exe restart` (SCM control 129): the new release answers, the host and the service stay up, and a backoff wait is cut short', async function () {
    this.timeout(600_000);
    const port = await freePort();
    const svc = await installHostService('sftest-relrestart', (logDir) => {
      const dir = logDir.replace(/\\logs$/, '');
      return `
version = 1
name = sftest-relrestart
release_root = ${dir}\\releases
release_pointer = ${dir}\\data\\release.conf
program = gin-hello.exe
env = PORT=${port}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 120000
backoff_max_ms = 120000
backoff_jitter_percent = 0
`;
    });
    const releaseRoot = path.join(svc.dir.linux, 'releases');
    const pointer = path.join(svc.dir.linux, 'data', 'release.conf');
    for (const version of ['1.0.0', '2.0.0']) {
      mkdirSync(path.join(releaseRoot, version), { recursive: true });
      copyFileSync(builtGin(version), path.join(releaseRoot, version, 'gin-hello.exe'));
    }
    mkdirSync(path.dirname(pointer), { recursive: true });
    switchPointer(pointer, '1.0.0');

    // Not running: restart says so and fails; nothing is started behind the admin's back.
    const notRunning = await wine([hostExe, 'restart', svc.confWin]);
    expect(notRunning.code, notRunning.stderr).to.equal(1);
    expect(notRunning.stderr).to.include('restart: sftest-relrestart is not running; start it instead (sc.exe start sftest-relrestart)');

    expect((await startService(svc.name)).code).to.equal(0);
    expect(await versionAnswer(port, svc, '1.0.0')).to.deep.equal({ version: '1.0.0', release: '1.0.0' });
    const hostPid = (await waitForLine(svc.hostLog, /info: supervising .*host pid=(\d+)\)/, 'the host starting'))[1];

    switchPointer(pointer, '2.0.0');
    const asked = await wine([hostExe, 'restart', svc.confWin]);
    expect(asked.code, asked.stderr).to.equal(0);
    expect(asked.stderr).to.include('restart: asked sftest-relrestart to restart its program');
    expect(await versionAnswer(port, svc, '2.0.0')).to.deep.equal({ version: '2.0.0', release: '2.0.0' });
    const exited = await waitForLine(svc.hostLog, /info: exited pid=\d+ code=(\d+) after restart request/, 'the program stopped for the restart');
    expect(exited[1], 'Gin exits 0 on the Ctrl+C of a graceful stop').to.equal('0');
    await waitForState(svc.name, 'RUNNING', 5_000, svc.hostLog);
    const supervising = matchLines(svc.hostLog, /info: supervising .*host pid=(\d+)\)/);
    expect(
      supervising.map((m) => m[1]),
      'one host, never restarted',
    ).to.deep.equal([hostPid]);
    await waitFor(() => readStatus(svc)?.release === '2.0.0' && readStatus(svc)?.state === 'running', {
      timeoutMs: 30_000,
      what: 'status.json to show release 2.0.0 running',
      describe: () => readText(svc.statusFile),
    });
    expect(readStatus(svc)?.restart_reasons).to.include({ manual: 1, crash: 0, health: 0 });

    // A release that is missing makes the start fail into a 120 s backoff; pointing back
    // and asking for a restart starts at once.
    switchPointer(pointer, '3.0.0');
    expect((await wine([hostExe, 'restart', svc.confWin])).code).to.equal(0);
    await waitForLine(svc.hostLog, /error: start failed: release 3\.0\.0 /, 'the missing release refused');
    await waitFor(() => readStatus(svc)?.state === 'backoff', { timeoutMs: 30_000, what: 'backoff', describe: () => readText(svc.statusFile) });
    switchPointer(pointer, '2.0.0');
    expect((await wine([hostExe, 'restart', svc.confWin])).code).to.equal(0);
    await waitForLine(svc.hostLog, /info: restart requested: starting now instead of after the backoff/, 'the backoff cut short');
    expect(await versionAnswer(port, svc, '2.0.0')).to.deep.equal({ version: '2.0.0', release: '2.0.0' });
    expect((await stopService(svc.name)).code).to.equal(0);
  });
});
