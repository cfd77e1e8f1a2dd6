/**
 * End to end (issue 9): releases of the real Gin example, built by `svcforge build`, deployed
 * by the built CLI under Wine's Service Control Manager (shim in wine mode, as in
 * apply-wine.test.ts): v1 -> v2 serves v2 -> v3 (its /health answers 503) fails its gate and
 * is rolled back by itself, exit 1 -> `rollback --to` v1 -> redeploying the current release
 * changes nothing -> a tampered zip exits 2 with nothing written.
 * Not here: a second deploy refused by the lock (Linux .NET does not enforce FileShare
 * between processes; the Pester test mocks the sharing violation) and killing pwsh at
 * every step of a deploy.
 */
import { expect } from 'chai';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import yazl from 'yazl';
import { pwshPath } from '../../support/pwsh.js';
import { requirePwsh, requireWine } from '../../support/skip.js';
import {
  ensurePrefix,
  freePort,
  ginDir,
  httpGet,
  prefixProcesses,
  removeServiceFromPrefix,
  repoRoot,
  testExeNames,
  waitFor,
  winePrefix,
} from '../../support/wine.js';

const bin = join(repoRoot, 'bin', 'run.js');
const name = 'gin-hello';
const releasesDir = join(winePrefix, 'drive_c', 'Program Files', 'svcforge', name, 'releases');
const pointerFile = join(winePrefix, 'drive_c', 'ProgramData', 'svcforge', name, 'release.conf');

/** Kills (SIGKILL) every pwsh below `pid`: the CLI's session, as a crash or a lost connection would. */
function killPwshBelow(pid: number): boolean {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 3)
    .map(([p, pp, comm]) => ({ pid: Number(p), ppid: Number(pp), comm: comm! }));
  const below = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of table) if (below.has(row.ppid) && !below.has(row.pid)) grew = Boolean(below.add(row.pid));
  }
  const victims = table.filter((row) => below.has(row.pid) && row.comm.startsWith('pwsh'));
  for (const victim of victims) process.kill(victim.pid, 'SIGKILL');
  return victims.length > 0;
}

/** The release release.conf names, and whether its program is there. */
function pointedRelease(): { version: string; complete: boolean } {
  const version = /^release = (.+?)\r?$/m.exec(readFileSync(pointerFile, 'utf8'))?.[1] ?? '';
  return { version, complete: version !== '' && existsSync(join(releasesDir, version, 'gin-hello.exe')) };
}

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}
interface Records {
  status: number;
  result?: { records: { step: string; status: string; detail: string }[] };
  error?: { code: string; message: string; exitCode: number; records?: { step: string; status: string; detail: string }[] };
}

describe('end to end: svcforge build + deploy + rollback of the Gin example under Wine', function () {
  this.timeout(1_200_000);
  let env: NodeJS.ProcessEnv;
  let work: string;
  let spec: string;
  let port: number;
  const zip = (version: string) => join(work, 'dist', `${name}-${version}.zip`);

  const cli = (args: string[], timeout = 600_000): CliRun => {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env, input: '', timeout });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const json = (run: CliRun): Records => {
    try {
      return JSON.parse(run.stdout) as Records;
    } catch {
      throw new Error(`expected JSON from the CLI (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  };
  const served = async (version: string) =>
    waitFor(
      async () => {
        const r = await httpGet(`http://127.0.0.1:${port}/version`, 2_000).catch(() => undefined);
        if (r?.status !== 200) return undefined;
        const body = JSON.parse(r.body) as { version: string; release: string };
        return body.version === version && body.release === version ? body : undefined;
      },
      { timeoutMs: 60_000, what: `GET /version to answer ${version}` },
    );
  let deploySteps: string[] = [];
  /** `deploy ZIP` whose pwsh is killed as soon as the record of step `after` lands, so inside the step after it. */
  const deployKilledAfter = (zipPath: string, after: string): Promise<{ killed: boolean; status: number | null; out: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, 'deploy', zipPath, spec], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const landed = new RegExp(`^ +\\S+ +${after.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm');
      let out = '';
      let killed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (!killed && landed.test(out)) killed = killPwshBelow(child.pid!);
      });
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.on('close', (status) => resolve({ killed, status, out }));
    });
  const servedOneOf = async (versions: string[]) =>
    waitFor(
      async () => {
        const r = await httpGet(`http://127.0.0.1:${port}/version`, 2_000).catch(() => undefined);
        if (r?.status !== 200) return undefined;
        const body = JSON.parse(r.body) as { version: string; release: string };
        return versions.includes(body.version) && body.release === body.version ? body.version : undefined;
      },
      { timeoutMs: 60_000, what: `GET /version to answer one of ${versions.join(', ')}` },
    );

  const removeService = (): Promise<void> => removeServiceFromPrefix(name, testExeNames);

  before(async function () {
    requireWine(this);
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'deploy.js')) || !existsSync(join(repoRoot, 'supervisor', 'dist', 'svcforge-host.exe'))) {
      execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    }
    await ensurePrefix();
    await removeService();
    port = await freePort();
    work = mkdtempSync(join(tmpdir(), 'svcforge-deploy-e2e-'));
    // The example's release spec on a free port; the Go sources stay where they are.
    spec = join(work, 'svcforge.yaml');
    writeFileSync(spec, readFileSync(join(ginDir, 'svcforge.release.yaml'), 'utf8').replaceAll('8080', String(port)));
    env = {
      ...process.env,
      DEBUG: '',
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      SOURCE_DATE_EPOCH: '1796464800',
      PATH: `${dirname(pwshPath)}${delimiter}${process.env.PATH ?? ''}`,
      SVCFORGE_SHIM: 'wine',
      SVCFORGE_SHIM_STATE: mkdtempSync(join(tmpdir(), 'svcforge-deploy-shim-')),
      SVCFORGE_SESSION_PRELOAD: join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1'),
      SVCFORGE_WINEPREFIX: winePrefix,
      WINEPREFIX: winePrefix,
      WINEDEBUG: '-all',
    };
    for (const version of ['1.0.0', '2.0.0']) {
      const built = cli(['build', spec, '--go', ginDir, '--version', version, '--out', join(work, 'dist')]);
      expect(built.status, `build ${version}:\n${built.stdout}${built.stderr}`).to.equal(0);
    }
    // v3: the same program with a bug, its /health answers 503.
    const broken = join(work, 'broken');
    cpSync(ginDir, broken, { recursive: true, filter: (source) => !source.includes(`${ginDir}/dist`) });
    const main = join(broken, 'main.go');
    const source = readFileSync(main, 'utf8');
    const bug = source.replace('c.JSON(http.StatusOK, gin.H{"status": "ok"', 'c.JSON(http.StatusServiceUnavailable, gin.H{"status": "broken"');
    expect(bug, 'the health handler of main.go moved: update this test').not.to.equal(source);
    writeFileSync(main, bug);
    const built = cli(['build', spec, '--go', broken, '--version', '3.0.0', '--out', join(work, 'dist')]);
    expect(built.status, `build 3.0.0:\n${built.stdout}${built.stderr}`).to.equal(0);
  });

  after(async function () {
    this.timeout(300_000);
    if (!env) return;
    cli(['uninstall', spec, '--purge']);
    await removeService();
    rmSync(work, { recursive: true, force: true });
    rmSync(env.SVCFORGE_SHIM_STATE!, { recursive: true, force: true });
  });

  it('deploys v1 on a host that has nothing: installs the service and serves 1.0.0', async () => {
    const run = cli(['deploy', zip('1.0.0'), spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const steps = json(run).result!.records;
    expect(steps.find((r) => r.step === 'gate:gin-hello')?.status).to.equal('changed');
    await served('1.0.0');
  });

  it('deploys v2: switch, graceful restart of the program only (the host and its service stay up), gate passed, serves 2.0.0', async () => {
    const hostsBefore = prefixProcesses(['svcforge-host.exe']).map((p) => p.pid);
    expect(hostsBefore, 'one host runs v1').to.have.length(1);
    const run = cli(['deploy', zip('2.0.0'), spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const records = json(run).result!.records;
    deploySteps = records.map((r) => r.step);
    const changed = records.filter((r) => r.status === 'changed').map((r) => r.step);
    expect(changed).to.include.members(['unpack', 'switch', 'restart:gin-hello', 'gate:gin-hello']);
    expect(records.find((r) => r.step === 'restart:gin-hello')?.detail).to.match(/^restarted the program of gin-hello: release 1\.0\.0 -> 2\.0\.0 /);
    await served('2.0.0');
    expect(
      prefixProcesses(['svcforge-host.exe']).map((p) => p.pid),
      'the same host process',
    ).to.deep.equal(hostsBefore);
  });

  it('deploys v3 whose health fails: gate fails, rolls back to 2.0.0 by itself, exit 1 with both outcomes and v3 log lines', async () => {
    const run = cli(['deploy', zip('3.0.0'), spec]);
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    expect(run.stderr).to.match(/deploy of gin-hello 3\.0\.0 failed; rolled back to 2\.0\.0/);
    expect(run.stderr).to.match(/3\.0\.0\s+failed at gate:gin-hello/);
    expect(run.stderr).to.match(/2\.0\.0\s+serving again: passed its gate/);
    expect(run.stdout + run.stderr, 'the failed release last log lines').to.match(/GET\s+"\/health"|HTTP 503/);
    await served('2.0.0');
    const releases = cli(['releases', spec, '--json']);
    const state = (JSON.parse(releases.stdout) as { result: { current: string; lastGood: string; releases: { version: string; gate: string }[] } }).result;
    expect(state.current).to.equal('2.0.0');
    expect(state.lastGood).to.equal('2.0.0');
    expect(Object.fromEntries(state.releases.map((r) => [r.version, r.gate]))).to.deep.equal({ '1.0.0': 'passed', '2.0.0': 'passed', '3.0.0': 'failed' });
  });

  it('rollback --to 1.0.0 serves 1.0.0; deploying it again changes nothing', async () => {
    const back = cli(['rollback', spec, '--to', '1.0.0']);
    expect(back.status, back.stdout + back.stderr).to.equal(0);
    await served('1.0.0');
    const again = cli(['deploy', zip('1.0.0'), spec, '--json']);
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(json(again).result!.records.filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
  });

  it('refuses a zip whose file differs from its release.json: exit 2, nothing written', async () => {
    const before = readdirSync(releasesDir).sort();
    const tampered = join(work, 'dist', `${name}-4.0.0.zip`);
    const manifest = {
      schemaVersion: 1,
      name,
      version: '4.0.0',
      commit: null,
      builtAt: '2026-12-05T00:00:00Z',
      program: 'gin-hello.exe',
      files: [{ path: 'gin-hello.exe', size: 3, sha256: '0'.repeat(64) }],
    };
    await new Promise<void>((resolve, reject) => {
      const out = new yazl.ZipFile();
      out.addBuffer(Buffer.from('MZ!'), 'gin-hello.exe');
      out.addBuffer(Buffer.from(JSON.stringify(manifest)), 'release.json');
      out.end();
      const chunks: Buffer[] = [];
      out.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
      out.outputStream.on('end', () => resolve(writeFileSync(tampered, Buffer.concat(chunks))));
      out.outputStream.on('error', reject);
    });
    const run = cli(['deploy', tampered, spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(2);
    expect(json(run).error!.message).to.match(/gin-hello\.exe/);
    expect(readdirSync(releasesDir).sort()).to.deep.equal(before);
    await served('1.0.0');
  });

  it('bad input before any session: a zip of another service, a zip that is not there', async () => {
    const other = readFileSync(spec, 'utf8').replace('name: gin-hello', 'name: other-app');
    const otherSpec = join(work, 'other.yaml');
    writeFileSync(otherSpec, other);
    const run = cli(['deploy', zip('2.0.0'), otherSpec, '--json']);
    expect(run.status).to.equal(2);
    expect(json(run).error!.message).to.match(/is a release of gin-hello, not of other-app/);
    const missing = cli(['deploy', join(work, 'nope.zip'), spec, '--json']);
    expect(missing.status).to.equal(2);
  });

  it('survives its session being killed inside verify, the install, unpack and every step after it: the service runs the old or the new release, and the next deploy completes', async function () {
    expect(deploySteps, 'the step list of the v2 deploy').to.include.members([
      'lock',
      'verify',
      'unpack',
      'switch',
      'restart:gin-hello',
      'gate:gin-hello',
      'prune',
      'unlock',
    ]);
    // Killed inside verify, inside the install steps, inside unpack, and inside every step after it up to the prune.
    const unpackAt = deploySteps.indexOf('unpack');
    const killPoints = ['lock', 'verify', deploySteps[unpackAt - 1]!, ...deploySteps.slice(unpackAt, deploySteps.indexOf('prune'))];
    let current = '1.0.0';
    for (const after of killPoints) {
      const target = current === '1.0.0' ? '2.0.0' : '1.0.0';
      const killed = await deployKilledAfter(zip(target), after);
      expect(killed.killed, `pwsh killed after ${after}:\n${killed.out}`).to.equal(true);
      // A kill that lands after the last step finished (the prune and unlock are quick) is a completed deploy.
      if (killed.status === 0) expect(killed.out, `a deploy that reports success after a kill after ${after}`).to.match(/unlock/);
      const pointed = pointedRelease();
      expect([current, target], `release.conf after a kill after ${after}`).to.include(pointed.version);
      expect(pointed.complete, `release ${pointed.version} has its program after a kill after ${after}`).to.equal(true);
      await servedOneOf([current, target]);
      const next = cli(['deploy', zip(target), spec]);
      expect(next.status, `the deploy after a kill after ${after}:\n${next.stdout}${next.stderr}`).to.equal(0);
      await served(target);
      current = target;
    }
  });
});
