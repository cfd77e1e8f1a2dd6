/**
 * End to end (issue 5): the BUILT CLI deploys the Gin example as a real service under
 * Wine's Service Control Manager, through one persistent pwsh session with the shim in
 * wine mode (test/shim/README.md): service calls reach Wine's SCM, C: is the prefix's
 * drive_c, firewall rules and ACLs are the shim's file-backed state, and delayed start,
 * failure actions/flag and SID type are kept in the shim state (Wine 8 cannot hold them;
 * verified in record mode only).
 *
 * Needs wine + mingw-w64 and pwsh (scripts/setup.sh); skips, saying why, when they are
 * missing. Port 8080 must be free. Builds the CLI and the Gin example when absent.
 */
import { expect } from 'chai';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pwshPath } from '../../support/pwsh.js';
import {
  ensurePrefix,
  ginExe,
  hostExe,
  httpGet,
  linuxPath,
  prefixProcesses,
  queryState,
  readText,
  removeServiceFromPrefix,
  repoRoot,
  testExeNames,
  waitFor,
  wine,
  winePrefix,
} from '../../support/wine.js';
import { requirePwsh, requireWine } from '../../support/skip.js';
import { protectShimFolder } from '../../support/shim-acl.js';
import { winDirname } from '../../../src/model/windows-path.js';

const bin = join(repoRoot, 'bin', 'run.js');
const spec = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
const shimModule = join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1');
const svcctl = join(repoRoot, 'test', '.build', 'svcctl.exe');
const name = 'gin-hello';
const health = 'http://127.0.0.1:8080/health';
const programWin = 'C:\\apps\\gin-hello\\current\\gin-hello.exe';
const logDir = 'C:\\ProgramData\\svcforge\\gin-hello\\logs';

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
  action?: 'remove';
}
interface InstanceStatusJson {
  state: string;
  processId: number;
  supervisor: { pid: number; port: number; state: string } | null;
  restartPending: { reasons: string[]; since: string | null } | null;
}
const dataDir = 'C:\\ProgramData\\svcforge\\gin-hello';
const pendingMarker = `${dataDir}\\gin-hello.restart-pending.json`;
const installedHostExe = 'C:\\Program Files\\svcforge\\gin-hello\\svcforge-host.exe';
interface Envelope<T> {
  status: number;
  result?: T;
  error?: { code: string; message: string };
}
interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** What holds TCP port 8080 on this host (ss names the process), or undefined when it is free. */
async function portHolder(port: number): Promise<string | undefined> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
  if (free) return undefined;
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return ss.stdout?.trim() || 'an unknown process (ss could not name it)';
}

/** Records of an --json run: the envelope's result holds them (records or steps). */
function records(run: CliRun): StepRecord[] {
  let document: Envelope<{ records?: StepRecord[] }>;
  try {
    document = JSON.parse(run.stdout) as Envelope<{ records?: StepRecord[] }>;
  } catch {
    throw new Error(`expected JSON from the CLI (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return document.result?.records ?? [];
}

/** Windows processes of the prefix (Toolhelp32 under Wine, via the shim's helper). */
async function windowsProcesses(): Promise<{ pid: number; ppid: number; name: string }[]> {
  const r = await wine([svcctl, 'ps'], { timeoutMs: 30_000 });
  return JSON.parse(r.stdout) as { pid: number; ppid: number; name: string }[];
}

describe('end to end: svcforge apply deploys the Gin example as a real service under Wine', function () {
  this.timeout(900_000);
  let env: NodeJS.ProcessEnv;
  const stateDirs: string[] = [];
  const children: ChildProcess[] = [];

  const newState = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'svcforge-e2e-'));
    stateDirs.push(dir);
    // The program's folder as an operator leaves it: only administrators may change it.
    protectShimFolder(dir, [winDirname(programWin)]);
    return dir;
  };
  const cli = (args: string[], timeout = 300_000): CliRun => {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env, input: '', timeout });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const shimState = () => JSON.parse(readFileSync(join(env.SVCFORGE_SHIM_STATE!, 'state.json'), 'utf8')) as { firewallRules: Record<string, unknown> };

  /** Removes the service and its processes from the prefix, whatever state a run left. */
  const removeService = (): Promise<void> => removeServiceFromPrefix(name, testExeNames);

  before(async function () {
    requireWine(this);
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'apply.js')) || !existsSync(join(repoRoot, 'supervisor', 'dist', 'svcforge-host.exe'))) {
      execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    }
    if (!existsSync(ginExe)) execFileSync('bash', [join(repoRoot, 'examples', 'gin-hello', 'build.sh')], { cwd: repoRoot, stdio: 'pipe' });
    await ensurePrefix();
    await removeService();
    const holder = await portHolder(8080);
    if (holder) throw new Error(`port 8080 must be free for the Gin example, but it is held by: ${holder}`);
    // Deploy the program as an operator would, before apply.
    const program = linuxPath(programWin);
    mkdirSync(dirname(program), { recursive: true });
    copyFileSync(ginExe, program);
    env = {
      ...process.env,
      DEBUG: '',
      PATH: `${dirname(pwshPath)}${delimiter}${process.env.PATH ?? ''}`,
      SVCFORGE_SHIM: 'wine',
      SVCFORGE_SHIM_STATE: newState(),
      SVCFORGE_SESSION_PRELOAD: shimModule,
      SVCFORGE_WINEPREFIX: winePrefix,
      WINEPREFIX: winePrefix,
      WINEDEBUG: '-all',
    };
  });

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  after(async function () {
    this.timeout(180_000);
    if (!env) return;
    await removeService();
    rmSync(join(winePrefix, 'drive_c', 'apps', 'gin-hello'), { recursive: true, force: true });
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('apply installs and starts the service: RUNNING in Wine’s SCM and /health answers 200 from Linux', async () => {
    const run = cli(['apply', spec, '--json']);
    expect(run.status, `apply failed:\n${run.stdout}\n${run.stderr}`).to.equal(0);
    expect(records(run).filter((r) => r.status === 'failed')).to.deep.equal([]);
    const st = await queryState(name);
    expect(st?.state, 'sc.exe query gin-hello in the prefix').to.equal('RUNNING');
    const answer = await waitFor(
      async () => {
        const r = await httpGet(health).catch(() => undefined);
        return r?.status === 200 ? r : undefined;
      },
      { timeoutMs: 30_000, what: `GET ${health} to answer 200` },
    );
    expect(JSON.parse(answer.body)).to.include({ status: 'ok' });
  });

  it('status --json reports the service running with the Gin pid and port 8080 from the supervisor’s status file', async () => {
    const run = cli(['status', spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const instance = (
      JSON.parse(run.stdout) as Envelope<{ instances: { state: string; processId: number; supervisor: { pid: number; port: number; state: string } }[] }>
    ).result!.instances[0]!;
    expect(instance.state).to.equal('Running');
    expect(instance.supervisor).to.include({ state: 'running', port: 8080 });
    // The Gin pid is the Windows process gin-hello.exe whose parent is the service's host.
    const gin = (await windowsProcesses()).filter((p) => p.name.toLowerCase() === 'gin-hello.exe' && p.ppid === instance.processId);
    expect(
      gin.map((p) => p.pid),
      'gin-hello.exe started by the service process',
    ).to.deep.equal([instance.supervisor.pid]);
  });

  it('apply again reports every step unchanged', () => {
    const run = cli(['apply', spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const changed = records(run).filter((r) => r.status !== 'unchanged');
    expect(changed, 'steps that were not unchanged').to.deep.equal([]);
    expect(records(run)).to.have.length.greaterThan(10);
  });

  // ---- apply converges the running service (issue 9, part 4). Flat tests (a nested
  // describe would run after the uninstall below), in this order, on the running service.
  {
    // Every spec of this part is the same file, rewritten: the rendered headers name the
    // spec's path, so only what the test changes differs between two applies.
    let specCopy = '';
    const original = readFileSync(spec, 'utf8');
    const writeSpec = (text: string): void => writeFileSync(specCopy, text);
    const status = (): InstanceStatusJson => {
      const run = cli(['status', specCopy, '--json']);
      expect(run.status, run.stdout + run.stderr).to.equal(0);
      return (JSON.parse(run.stdout) as Envelope<{ instances: InstanceStatusJson[] }>).result!.instances[0]!;
    };
    const record = (run: CliRun, step: string): StepRecord => {
      const found = records(run).find((r) => r.step === step);
      if (!found) throw new Error(`no record ${step} in:\n${run.stdout}\n${run.stderr}`);
      return found;
    };
    /** The last "listening on" line Gin logged: its pid and its GIN_MODE. */
    const lastListening = (): { pid: number; mode: string } | undefined => {
      const lines = readText(linuxPath(`${logDir}\\gin-hello.out.log`))
        .split(/\r?\n/)
        .filter((line) => line.includes('listening on'));
      const match = /\(pid (\d+), dir .*, mode (\w+)\)/.exec(lines.at(-1) ?? '');
      return match ? { pid: Number(match[1]), mode: match[2]! } : undefined;
    };
    const waitListening = (mode: string, pid: number) =>
      waitFor(() => lastListening()?.pid === pid && lastListening()?.mode === mode, {
        timeoutMs: 60_000,
        what: `Gin (pid ${pid}) to log that it listens in mode ${mode}`,
        describe: () => JSON.stringify(lastListening()),
      });
    const healthy = () =>
      waitFor(async () => (await httpGet(health).catch(() => undefined))?.status === 200, { timeoutMs: 60_000, what: `GET ${health} to answer 200` });

    it('apply of a copy of the spec succeeds (the file the convergence tests below rewrite)', () => {
      specCopy = join(newState(), 'svcforge.yaml');
      writeSpec(original);
      const run = cli(['apply', specCopy, '--json']);
      expect(run.status, run.stdout + run.stderr).to.equal(0);
    });

    it('a changed environment value reaches the running program after apply, with no manual restart, and apply names host-conf as the reason', async () => {
      const before = status();
      writeSpec(original.replace('GIN_MODE: release', 'GIN_MODE: debug'));
      const run = cli(['apply', specCopy]);
      expect(run.status, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(/^\s+changed\s+start:gin-hello\s+restarted gin-hello: host-conf changed$/m);
      expect(run.stdout).to.match(/^\s+changed\s+host-conf:gin-hello\s+replaced /m);
      expect(run.stdout, 'nothing but the host conf changed').to.not.match(/^\s+changed\s+(service|sid-type|host-exe|secrets)\b/m);
      const after = status();
      expect(after.state).to.equal('Running');
      expect(after.supervisor!.pid, 'a new Gin process').to.not.equal(before.supervisor!.pid);
      await waitListening('debug', after.supervisor!.pid);
      await healthy();
    });

    it('--no-restart leaves it running its old config, reports the start step skipped, and status says a restart is pending; restart takes it', async () => {
      const before = status();
      writeSpec(original);
      const run = cli(['apply', specCopy, '--no-restart', '--json']);
      expect(run.status, run.stdout + run.stderr).to.equal(0);
      expect(record(run, 'host-conf:gin-hello').status).to.equal('changed');
      expect(record(run, 'start:gin-hello')).to.deep.include({ status: 'skipped', detail: 'restart pending: host-conf changed (run svcforge restart)' });
      const pending = status();
      expect(pending.supervisor!.pid, 'the same Gin process').to.equal(before.supervisor!.pid);
      expect(lastListening()).to.deep.equal({ pid: before.supervisor!.pid, mode: 'debug' });
      expect(pending.restartPending?.reasons).to.deep.equal(['host-conf']);
      expect(existsSync(linuxPath(pendingMarker)), pendingMarker).to.equal(true);
      const human = cli(['status', specCopy]);
      expect(human.stdout + human.stderr).to.contain('gin-hello: restart pending: host-conf');
      // A second apply still owes the restart (nothing new changed, the marker remembers).
      const again = cli(['apply', specCopy, '--no-restart', '--json']);
      expect(record(again, 'start:gin-hello')).to.deep.include({ status: 'skipped', detail: 'restart pending: host-conf changed (run svcforge restart)' });

      const restart = cli(['restart', specCopy, '--json']);
      expect(restart.status, restart.stdout + restart.stderr).to.equal(0);
      expect(existsSync(linuxPath(pendingMarker)), `${pendingMarker} after restart`).to.equal(false);
      const after = status();
      expect(after.restartPending).to.equal(null);
      await waitListening('release', after.supervisor!.pid);
      const settled = cli(['apply', specCopy, '--json']);
      expect(records(settled).filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
    });

    it('a rebuilt svcforge-host.exe (different bytes) replaces the running one: renamed aside, never overwritten, and the service runs again', async () => {
      const builtHost = readFileSync(hostExe);
      const before = status();
      try {
        // A PE with bytes appended still runs: a different build of the same supervisor.
        appendFileSync(hostExe, Buffer.from(`\nrebuilt ${randomUUID()}\n`));
        const run = cli(['apply', specCopy, '--json']);
        expect(run.status, run.stdout + run.stderr).to.equal(0);
        expect(record(run, 'host-exe').detail).to.match(/^replaced C:\\Program Files\\svcforge\\gin-hello\\svcforge-host\.exe \(SHA-256 /);
        expect(record(run, 'start:gin-hello')).to.deep.include({ status: 'changed', detail: 'restarted gin-hello: host-exe changed' });
        expect(readFileSync(linuxPath(installedHostExe)).equals(readFileSync(hostExe)), 'the installed exe is the rebuilt one').to.equal(true);
        expect((await queryState(name))?.state).to.equal('RUNNING');
        const after = status();
        expect(after.processId, 'a new service process').to.not.equal(before.processId);
        await healthy();
      } finally {
        writeFileSync(hostExe, builtHost);
      }
      const back = cli(['apply', specCopy, '--json']);
      expect(back.status, back.stdout + back.stderr).to.equal(0);
      expect(record(back, 'start:gin-hello').detail).to.equal('restarted gin-hello: host-exe changed');
      await healthy();
      // A replaced exe still in use stays as svcforge-host.exe.old-*; the next apply deletes it.
      cli(['apply', specCopy, '--json']);
      const leftovers = readdirSync(dirname(linuxPath(installedHostExe))).filter((file) => /^svcforge-host\.exe\.(old|new)-/.test(file));
      expect(leftovers, 'leftovers of the replacements').to.deep.equal([]);
      const settled = cli(['apply', specCopy, '--json']);
      expect(records(settled).filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
    });

    it('a firewall rule and a secret the spec no longer lists are planned as remove and removed', async () => {
      const firewall = '  - { port: 8080, protocol: tcp, profiles: [domain, private], remoteAddresses: [LocalSubnet] }\n';
      expect(original).to.contain(firewall);
      writeSpec(
        `${original.replace(firewall, `${firewall}  - { port: 8081, protocol: tcp, profiles: [private], remoteAddresses: [LocalSubnet] }\n`)}secrets: [GIN_HELLO_TOKEN]\n`,
      );
      // svcforge-host.exe protect encrypts the value on the (Wine) machine.
      env = { ...env, GIN_HELLO_TOKEN: `token-${randomUUID()}`, SVCFORGE_EXE_LAUNCHER: 'wine' };
      const more = cli(['apply', specCopy, '--json']);
      expect(more.status, more.stdout + more.stderr).to.equal(0);
      expect(record(more, 'start:gin-hello').detail).to.equal('restarted gin-hello: host-conf, secrets changed');
      expect(Object.keys(shimState().firewallRules).sort()).to.deep.equal(['svcforge-gin-hello-tcp-8080', 'svcforge-gin-hello-tcp-8081']);
      expect(existsSync(linuxPath(`${dataDir}\\secrets.dat`))).to.equal(true);

      writeSpec(original);
      const plan = cli(['plan', specCopy]);
      expect(plan.status, plan.stdout + plan.stderr).to.equal(0);
      expect(plan.stdout).to.match(
        /^\s+remove\s+firewall-prune\s+would remove 1 firewall rule\(s\) of group 'svcforge-gin-hello': svcforge-gin-hello-tcp-8081$/m,
      );
      expect(plan.stdout).to.match(/^\s+remove\s+secrets\s+would remove file C:\\ProgramData\\svcforge\\gin-hello\\secrets\.dat$/m);
      expect(plan.stdout).to.match(/^\s+changed\s+start:gin-hello\s+would restart gin-hello: host-conf changed$/m);
      expect(Object.keys(shimState().firewallRules), 'plan changed nothing').to.have.length(2);

      const fewer = cli(['apply', specCopy, '--json']);
      expect(fewer.status, fewer.stdout + fewer.stderr).to.equal(0);
      expect(record(fewer, 'firewall-prune')).to.deep.include({ status: 'changed', action: 'remove' });
      expect(record(fewer, 'secrets')).to.deep.include({ status: 'changed', action: 'remove' });
      expect(Object.keys(shimState().firewallRules)).to.deep.equal(['svcforge-gin-hello-tcp-8080']);
      expect(existsSync(linuxPath(`${dataDir}\\secrets.dat`))).to.equal(false);
      expect((await queryState(name))?.state).to.equal('RUNNING');
      await healthy();
    });
  }

  it('stop stops it gracefully: Gin’s shutdown line is in its log and the host logs exit code 0', async () => {
    const run = cli(['stop', spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect((await queryState(name))?.state).to.equal('STOPPED');
    expect(readText(linuxPath(`${logDir}\\gin-hello.out.log`))).to.contain('shutdown: graceful, in-flight requests done');
    const hostLog = readText(linuxPath(`${logDir}\\svcforge-host.log`));
    expect(hostLog).to.match(/exited pid=\d+ code=0 after stop request/);
    expect(hostLog).to.contain('service gin-hello stopped, exit code 0');
  });

  it('logs -f follows live output: request lines appear while it runs, and SIGINT ends it with exit 0', async () => {
    const start = cli(['start', spec, '--json']);
    expect(start.status, start.stdout + start.stderr).to.equal(0);
    await waitFor(async () => (await httpGet(health).catch(() => undefined))?.status === 200, { timeoutMs: 30_000, what: 'Gin to answer /health after start' });
    const follower = spawn(process.execPath, [bin, 'logs', spec, '-f'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(follower);
    let out = '';
    let err = '';
    follower.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    follower.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    const probe = randomUUID();
    await waitFor(
      async () => {
        await httpGet(`${health}?probe=${probe}`).catch(() => undefined);
        return out.includes(probe);
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `logs -f to print the request line with probe=${probe}`,
        describe: () => `stdout: ${out.slice(-500)} stderr: ${err}`,
      },
    );
    follower.kill('SIGINT');
    const code = await waitFor(async () => (follower.exitCode !== null || follower.signalCode !== null ? exited : undefined), {
      timeoutMs: 30_000,
      what: 'logs -f to exit after SIGINT',
    });
    expect(code, `logs -f exit after SIGINT; stderr: ${err}`).to.equal(0);
  });

  it('uninstall --purge leaves no service, no firewall rule and no files', async () => {
    const run = cli(['uninstall', spec, '--purge', '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(await queryState(name), 'sc.exe query gin-hello after uninstall').to.equal(undefined);
    expect(Object.keys(shimState().firewallRules), 'firewall rules in the shim state').to.deep.equal([]);
    for (const dir of ['C:\\Program Files\\svcforge\\gin-hello', 'C:\\ProgramData\\svcforge\\gin-hello']) {
      expect(existsSync(linuxPath(dir)), `${dir} in the prefix`).to.equal(false);
    }
    expect(prefixProcesses(['gin-hello.exe', 'svcforge-host.exe']), 'processes left in the prefix').to.deep.equal([]);
  });

  it('a pwsh session killed in the middle of apply: the CLI names the interrupted step and exits 1 without hanging; the next apply completes', async () => {
    env = { ...env, SVCFORGE_SHIM_STATE: newState() };
    const applying = spawn(process.execPath, [bin, 'apply', spec], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(applying);
    let out = '';
    applying.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    applying.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => applying.on('exit', (code) => resolve(code)));
    await waitFor(() => (out.match(/^\s+changed\s/gm) ?? []).length >= 3, {
      timeoutMs: 120_000,
      what: 'apply to print three changed step lines',
      describe: () => out,
    });
    // The session is the CLI's pwsh child (its sc.exe/icacls.exe stand-ins are the session's children).
    const sessions = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          return ppid === applying.pid && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pwsh';
        } catch {
          return false;
        }
      })
      .map(Number);
    expect(sessions, 'the CLI’s pwsh session process').to.have.length(1);
    process.kill(sessions[0]!, 'SIGKILL');
    const code = await waitFor(async () => (applying.exitCode !== null ? exited : undefined), {
      timeoutMs: 60_000,
      what: 'apply to exit after its pwsh session was killed',
      describe: () => out,
    });
    expect(code, out).to.equal(1);
    expect(out, 'the interrupted step is reported as failed').to.match(/^\s+failed\s+\S+/m);
    const again = cli(['apply', spec, '--json']);
    expect(again.status, `apply after the killed one:\n${again.stdout}\n${again.stderr}`).to.equal(0);
    expect((await queryState(name))?.state).to.equal('RUNNING');
  });
});
