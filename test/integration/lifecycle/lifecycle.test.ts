/**
 * The lifecycle commands (status, start, stop, restart, logs, firewall, doctor) of the
 * BUILT CLI, run by real pwsh against the record-mode shim (test/shim): the shim's
 * file-backed state is what the commands change and read, so each assertion checks
 * both the --json output and the state it left. Build first: `npm run -s build`.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pwshPath } from '../../support/pwsh.js';
import { repoRoot } from '../../support/render-case.js';
import { waitUntil } from '../exec/poll.js';
import type { StatusResult } from '../../../src/lifecycle/status.js';
import { requirePwsh } from '../../support/skip.js';

const bin = join(repoRoot, 'bin', 'run.js');
const spec = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
const shimModule = join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1');

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
}

interface Envelope<T> {
  status: number;
  result?: T;
  error?: { code: string; message: string; exitCode: number; suggestions: string[] };
}

interface ShimState {
  services: Record<string, { state: string; processId: number }>;
  firewallRules: Record<string, { profiles?: string[]; profile?: string[] }>;
}

describe('lifecycle commands against the record-mode shim', function () {
  this.timeout(600_000);
  let state: string;
  let env: NodeJS.ProcessEnv;
  let logDir: string;

  const svcforge = (args: string[]) => {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env, input: '', timeout: 300_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const json = <T>(args: string[]) => {
    const run = svcforge([...args, '--json']);
    let document: Envelope<T>;
    try {
      document = JSON.parse(run.stdout) as Envelope<T>;
    } catch {
      throw new Error(`svcforge ${args.join(' ')} --json did not print JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    return { ...run, document };
  };
  /** runs PowerShell with the shim loaded on the same state, to seed or inspect what a test needs */
  const shim = (script: string): string => {
    const run = spawnSync(
      pwshPath,
      ['-NoProfile', '-NonInteractive', '-Command', `$ErrorActionPreference = 'Stop'; Import-Module -Name '${shimModule}'; ${script}`],
      {
        encoding: 'utf8',
        env,
      },
    );
    if (run.status !== 0) throw new Error(`shim script failed: ${script}\n${run.stdout}${run.stderr}`);
    return run.stdout;
  };
  const readState = (): ShimState => JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as ShimState;
  const service = () => readState().services['gin-hello']!;

  before(function () {
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'status.js'))) throw new Error('the CLI is not built: run `npm run -s build` first');
    state = mkdtempSync(join(tmpdir(), 'svcforge-lifecycle-'));
    env = { ...process.env, DEBUG: '', SVCFORGE_SHIM: 'record', SVCFORGE_SHIM_STATE: state, SVCFORGE_SESSION_PRELOAD: shimModule };
    logDir = join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello', 'logs');
    const apply = svcforge(['apply', spec]);
    expect(apply.status, `apply failed:\n${apply.stdout}${apply.stderr}`).to.equal(0);
    expect(service().state).to.equal('Running');
  });
  after(() => state && rmSync(state, { recursive: true, force: true }));

  describe('status', () => {
    it("joins the SCM state with the supervisor's status file: release, pid, uptime, restarts by reason, last exit, port, memory, health", () => {
      const startedAt = new Date(Date.now() - 90_000).toISOString();
      writeFileSync(
        join(logDir, 'status.json'),
        JSON.stringify({
          service: 'gin-hello',
          state: 'running',
          pid: 4242,
          port: 8080,
          restarts: 2,
          last_exit_code: 1,
          started_at: startedAt,
          last_health: 'healthy',
          next_start_in_ms: null,
          memory_bytes: 26378240,
          restart_reasons: { crash: 1, exit_code: 1, health: 0, memory: 0, manual: 0 },
          release: '1.4.2',
        }),
      );
      const { status, document } = json<StatusResult>(['status', spec]);
      expect(status).to.equal(0);
      const instance = document.result!.instances[0]!;
      expect(instance).to.include({ name: 'gin-hello', exists: true, state: 'Running', processId: service().processId, account: 'NT SERVICE\\gin-hello' });
      expect(instance.supervisor).to.include({
        state: 'running',
        pid: 4242,
        port: 8080,
        restarts: 2,
        lastExitCode: 1,
        startedAt,
        health: 'healthy',
        memoryBytes: 26378240,
        nextStartInMs: null,
        release: '1.4.2',
      });
      expect(instance.supervisor!.restartReasons).to.deep.equal({ crash: 1, exit_code: 1, health: 0, memory: 0, manual: 0 });
      expect(instance.supervisor!.uptimeSeconds).to.be.within(89, 300);
      const human = svcforge(['status', spec]);
      expect(human.status, human.stderr).to.equal(0);
      expect(human.stdout)
        .to.match(/RELEASE/)
        .and.to.match(/running\s+1\.4\.2\s+4242\s/)
        .and.to.include('2 (crash 1, exit_code 1)');
    });

    it('takes a service name instead of a spec and finds its status file from the binary path and the conf', () => {
      const { status, document } = json<StatusResult>(['status', 'gin-hello']);
      expect(status).to.equal(0);
      expect(document.result!.source).to.equal('service');
      expect(document.result!.instances[0]).to.include({ statusFile: 'C:\\ProgramData\\svcforge\\gin-hello\\logs\\status.json' });
      expect(document.result!.instances[0]!.supervisor).to.include({ pid: 4242 });
    });

    it('names a service that does not exist and exits 1', () => {
      const { status, document } = json(['status', 'no-such-service']);
      expect(status).to.equal(1);
      expect(document.error).to.include({ code: 'SERVICE_NOT_FOUND' });
      expect(document.error!.message).to.contain('no-such-service');
    });

    it('--watch redraws with what changed, through one session, and Ctrl+C ends it with exit 0 and no pwsh left', async () => {
      const child = spawn(process.execPath, [bin, 'status', spec, '--watch'], { cwd: repoRoot, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const frames = (): string[] => stdout.split(/\([^)]*, every 2 s; Ctrl\+C to stop\)\n/).slice(0, -1);
      let sessionPids: number[] = [];
      try {
        await waitUntil('the first frame', () => frames().length >= 1, 60_000);
        expect(frames()[0]).to.match(/^gin-hello\s+Running\b/m);
        sessionPids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map(Number);
        expect(sessionPids, 'one pwsh session under the CLI').to.have.length(1);
        shim("Stop-Service -Name 'gin-hello'");
        await waitUntil('a frame showing the stop', () => frames().some((frame) => /^gin-hello\s+Stopped\b/m.test(frame)), 30_000);
        expect(
          spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
            .stdout.split('\n')
            .filter(Boolean)
            .map(Number),
        ).to.deep.equal(sessionPids);
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited, stderr).to.equal(0);
      await waitUntil('the session pwsh to exit', () => sessionPids.every((pid) => !existsSync(`/proc/${pid}`)), 10_000);
      shim("Start-Service -Name 'gin-hello'");
      expect(service().state).to.equal('Running');
    });

    it('refuses --watch with --json (exit 2) and says why', () => {
      const { status, document } = json(['status', spec, '--watch']);
      expect(status).to.equal(2);
      expect(document.error!.message).to.match(/--watch.*JSON/);
    });
  });

  describe('stop, start, restart', () => {
    it('stops the running service, then reports unchanged', () => {
      const first = json<{ records: StepRecord[] }>(['stop', spec]);
      expect(first.status, first.stdout + first.stderr).to.equal(0);
      expect(first.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([['stop:gin-hello', 'changed']]);
      expect(service().state).to.equal('Stopped');
      const again = json<{ records: StepRecord[] }>(['stop', spec]);
      expect(again.document.result!.records.map((r) => r.status)).to.deep.equal(['unchanged']);
    });

    it('starts it by name, and with the spec checks the port first, like apply', () => {
      const byName = json<{ records: StepRecord[] }>(['start', 'gin-hello']);
      expect(byName.status, byName.stdout + byName.stderr).to.equal(0);
      expect(byName.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([['start:gin-hello', 'changed']]);
      expect(service().state).to.equal('Running');
      const bySpec = json<{ records: StepRecord[] }>(['start', spec]);
      expect(bySpec.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([
        ['port:gin-hello', 'unchanged'],
        ['start:gin-hello', 'unchanged'],
      ]);
    });

    it('restarts: stop then start, with a new process', () => {
      const before = service().processId;
      const run = json<{ records: StepRecord[]; changed: number }>(['restart', spec]);
      expect(run.status, run.stdout + run.stderr).to.equal(0);
      expect(run.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([
        ['stop:gin-hello', 'changed'],
        ['port:gin-hello', 'unchanged'],
        ['start:gin-hello', 'changed'],
      ]);
      expect(service().state).to.equal('Running');
      expect(service().processId).to.not.equal(before);
    });
  });

  describe('firewall', () => {
    it('lists the scoped rule apply created', () => {
      const { status, document } = json<{ group: string; rules: Record<string, unknown>[]; missing: string[] }>(['firewall', 'list', spec]);
      expect(status).to.equal(0);
      expect(document.result!.group).to.equal('svcforge-gin-hello');
      expect(document.result!.missing).to.deep.equal([]);
      expect(document.result!.rules).to.have.length(1);
      expect(document.result!.rules[0]).to.deep.include({
        name: 'svcforge-gin-hello-tcp-8080',
        port: '8080',
        protocol: 'TCP',
        profiles: ['Domain', 'Private'],
        remoteAddresses: ['LocalSubnet'],
      });
    });

    it('closes: removes the group, and list names the rule as missing', () => {
      const close = json<{ records: StepRecord[] }>(['firewall', 'close', spec]);
      expect(close.status, close.stdout + close.stderr).to.equal(0);
      expect(close.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([['firewall', 'changed']]);
      expect(Object.keys(readState().firewallRules)).to.deep.equal([]);
      const list = json<{ rules: unknown[]; missing: string[] }>(['firewall', 'list', spec]);
      expect(list.document.result).to.deep.include({ rules: [], missing: ['svcforge-gin-hello-tcp-8080'] });
    });

    it('opens: recreates the rule, then reports unchanged', () => {
      const open = json<{ records: StepRecord[] }>(['firewall', 'open', spec]);
      expect(open.status, open.stdout + open.stderr).to.equal(0);
      expect(open.document.result!.records.map((r) => [r.step, r.status])).to.deep.equal([['firewall:svcforge-gin-hello-tcp-8080', 'changed']]);
      expect(Object.keys(readState().firewallRules)).to.deep.equal(['svcforge-gin-hello-tcp-8080']);
      const again = json<{ records: StepRecord[] }>(['firewall', 'open', spec]);
      expect(again.document.result!.records.map((r) => r.status)).to.deep.equal(['unchanged']);
    });
  });

  describe('doctor', () => {
    const checks = (result: { checks: StepRecord[] }) => Object.fromEntries(result.checks.map((check) => [check.step, check.status]));

    it('flags the service binary writable by Users (someone granted them Modify after install) and exits 1', () => {
      // install leaves the binary Administrators/SYSTEM-only (folders svcforge owns get an
      // exclusive ACL), so the weakness is planted here, as a careless admin would.
      shim("& icacls.exe 'C:\\Program Files\\svcforge\\gin-hello\\svcforge-host.exe' /grant '*S-1-5-32-545:M'");
      const { status, document } = json<{ checks: StepRecord[]; problems: number }>(['doctor', spec]);
      expect(status).to.equal(1);
      expect(document.status).to.equal(1);
      expect(checks(document.result!)).to.deep.equal({
        powershell: 'unchanged',
        elevation: 'unchanged',
        'execution-policy': 'skipped',
        'firewall-service': 'skipped',
        'port:8080': 'unchanged',
        'binary-path:gin-hello': 'unchanged',
        'account:gin-hello': 'unchanged',
        'write-access:gin-hello': 'failed',
        'firewall-scope': 'unchanged',
      });
      const finding = document.result!.checks.find((check) => check.step === 'write-access:gin-hello')!;
      expect(finding.detail).to.contain('svcforge-host.exe by BUILTIN\\Users');
    });

    it('passes every check once the Users entry is removed again', () => {
      shim("& icacls.exe 'C:\\Program Files\\svcforge\\gin-hello\\svcforge-host.exe' /remove '*S-1-5-32-545'");
      const { status, document } = json<{ checks: StepRecord[]; problems: number }>(['doctor', spec]);
      expect(status, JSON.stringify(document)).to.equal(0);
      expect(document.result!.problems).to.equal(0);
    });

    it('names a foreign process on the port, and a rule open on Public to any address', () => {
      shim(
        'Add-SvcForgeShimProcess -ProcessId 777 -Name nginx.exe; Add-SvcForgeShimListener -Port 8080 -ProcessId 777; Set-NetFirewallRule -Name svcforge-gin-hello-tcp-8080 -Profile Public -RemoteAddress Any',
      );
      const { status, document } = json<{ checks: StepRecord[]; problems: number }>(['doctor', spec]);
      expect(status).to.equal(1);
      const byId = Object.fromEntries(document.result!.checks.map((check) => [check.step, check]));
      expect(byId['port:8080']).to.include({ status: 'failed' });
      expect(byId['port:8080']!.detail).to.contain('nginx.exe (PID 777)');
      expect(byId['firewall-scope']).to.include({ status: 'failed' });
      expect(byId['firewall-scope']!.detail).to.match(/Public profile.*any remote address/);
      // firewall open puts the scope back
      expect(svcforge(['firewall', 'open', spec]).status).to.equal(0);
    });
  });

  describe('logs', () => {
    const stamp = (msAgo: number): string => {
      const t = new Date(Date.now() - msAgo);
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}.${p(t.getMilliseconds(), 3)}`;
    };
    let out: string;

    before(() => {
      out = join(logDir, 'gin-hello.out.log');
      const lines = [
        `${stamp(2 * 3600_000)} [GIN] old request`,
        ...Array.from({ length: 60 }, (_, i) => `${stamp(60_000)} [GIN] GET /item/${i} 200`),
        `${stamp(1000)} {"level":"info","msg":"json line"}`,
      ];
      writeFileSync(out, `${lines.join('\r\n')}\r\n`);
      writeFileSync(join(logDir, 'gin-hello.err.log'), `${stamp(1000)} panic: something\n`);
    });

    it('prints the last 50 lines by default, and --lines N', () => {
      const run = json<{ file: string; lines: string[] }>(['logs', spec]);
      expect(run.status).to.equal(0);
      expect(run.document.result!.file).to.equal('C:\\ProgramData\\svcforge\\gin-hello\\logs\\gin-hello.out.log');
      expect(run.document.result!.lines).to.have.length(50);
      expect(run.document.result!.lines.at(-1)).to.match(/\{"level":"info","msg":"json line"\}$/);
      const three = svcforge(['logs', 'gin-hello', '--lines', '3']);
      expect(three.stdout.trimEnd().split('\n')).to.have.length(3);
      expect(three.stdout).to.contain('GET /item/59 200');
    });

    it('--since keeps lines stamped within the time, --grep lines matching the expression', () => {
      const since = json<{ lines: string[] }>(['logs', spec, '--since', '10m', '--lines', '0']);
      expect(since.document.result!.lines).to.have.length(61);
      expect(since.document.result!.lines.join('\n')).to.not.contain('old request');
      const all = json<{ lines: string[] }>(['logs', spec, '--since', '1d', '--lines', '0']);
      expect(all.document.result!.lines).to.have.length(62);
      const grep = json<{ lines: string[] }>(['logs', spec, '--grep', 'GET /item/(7|42) ']);
      expect(grep.document.result!.lines.map((line) => line.replace(/^\S+ /, ''))).to.deep.equal(['[GIN] GET /item/7 200', '[GIN] GET /item/42 200']);
    });

    it('reads the stderr log with --stderr', () => {
      const run = json<{ stream: string; lines: string[] }>(['logs', 'gin-hello', '--stderr']);
      expect(run.document.result!.stream).to.equal('stderr');
      expect(run.document.result!.lines).to.have.length(1);
      expect(run.document.result!.lines[0]).to.contain('panic: something');
    });

    it('rejects an invalid --grep with exit 2 naming it, before starting PowerShell', () => {
      const run = json(['logs', spec, '--grep', 'GET (']);
      expect(run.status).to.equal(2);
      expect(run.document.error!.message).to.contain('--grep GET (');
    });

    it('-f prints the tail, then appended lines, and the new file after a rotation (truncated, then renamed with a longer new file), until Ctrl+C', async () => {
      const child = spawn(process.execPath, [bin, 'logs', spec, '-f', '--lines', '2', '--grep', 'GET|rotated|appended|renamed'], { cwd: repoRoot, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await waitUntil('the initial tail', () => stdout.includes('GET /item/59'), 60_000);
        expect(stdout).to.not.contain('GET /item/57');
        appendFileSync(out, `${stamp(0)} appended one\n${stamp(0)} filtered out by --grep\n${stamp(0)} appended two`);
        await waitUntil('the appended lines', () => stdout.includes('appended one'), 30_000);
        appendFileSync(out, '\n');
        await waitUntil('the line finished later', () => stdout.includes('appended two'), 30_000);
        writeFileSync(out, `${stamp(0)} rotated: a fresh file\n`);
        await waitUntil('the line of the rotated file', () => stdout.includes('rotated: a fresh file'), 30_000);
        expect(stderr).to.contain('rotated');
        // a rotation by rename, whose new file grows past the old offset before the next poll
        const offsetBefore = statSync(out).size;
        renameSync(out, `${out}.1`);
        writeFileSync(out, `${stamp(0)} renamed away: the second file, ${'longer than the first '.repeat(4)}\n`);
        expect(statSync(out).size).to.be.greaterThan(offsetBefore);
        await waitUntil('the first line of the new file', () => stdout.includes('renamed away: the second file'), 30_000);
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited).to.equal(0);
      expect(stdout).to.not.contain('filtered out');
      expect(stdout.match(/appended two/g)).to.have.length(1);
    });
  });
});
