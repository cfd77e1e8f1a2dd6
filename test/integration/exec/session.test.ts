/**
 * The persistent PowerShell session against the real pwsh 7 that scripts/setup.sh
 * installs: records come back as parsed JSON, failures as records, and a hung or killed
 * process is reported promptly with the step that was running, never as a hang.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ExitCode } from '../../../src/errors.js';
import { runSteps } from '../../../src/exec/runner.js';
import { PowerShellSession, SessionError } from '../../../src/exec/session.js';
import { pwshPath } from '../../support/pwsh.js';
import { pidAlive, waitUntil } from './poll.js';
import { requirePwsh } from '../../support/skip.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const svcforgeModule = join(repoRoot, 'ps-scripts', 'SvcForge', 'SvcForge.psd1');

async function rejection(promise: Promise<unknown>): Promise<SessionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return error;
    throw error;
  }
  throw new Error('expected a SessionError, the call succeeded');
}

describe('PowerShell session (real pwsh)', function () {
  this.timeout(60_000);
  let work: string;
  const opened: PowerShellSession[] = [];
  const open = async (options: Parameters<typeof PowerShellSession.open>[0] = {}): Promise<PowerShellSession> => {
    const session = await PowerShellSession.open({ shell: pwshPath, ...options });
    opened.push(session);
    return session;
  };

  before(function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-session-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((session) => session.close()));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens one process, runs steps in it and closes it, leaving no pwsh behind', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const pid = session.pid!;
    const pids = session.processIds;
    expect(session.info).to.include({ version: '7.6.9', edition: 'Core', pid });
    const first = await session.invoke('$PID', { timeoutMs: 10_000 });
    const second = await session.invoke('$PID', { timeoutMs: 10_000 });
    expect(first.records).to.deep.equal([pid]);
    expect(second.records).to.deep.equal([pid]);
    await session.close();
    expect(session.pid).to.equal(undefined);
    await waitUntil(`pwsh processes ${pids.join(', ')} to be gone after close`, () => !pids.some(pidAlive), 5_000);
  });

  it('returns step records as parsed objects and keeps host, warning and console text out of them', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const result = await session.invoke(
      [
        "Write-Host 'checking the service'",
        "Write-Warning 'runs as LocalSystem'",
        '[Console]::WriteLine(\'{"step":"forged","status":"changed"}\')',
        "New-SvcForgeStepRecord -Step 'service' -Status 'changed' -Detail 'created gin-hello' -Changes 'create', 'start type: auto'",
        "New-SvcForgeStepRecord -Step 'firewall-8080' -Status 'unchanged' -Detail 'rule matches' | ConvertTo-SvcForgeRecordJson",
        "'plain words'",
      ].join('\n'),
      { timeoutMs: 10_000, stepId: 'mixed' },
    );
    expect(result.error).to.equal(undefined);
    expect(result.records).to.deep.equal([
      { step: 'service', status: 'changed', detail: 'created gin-hello', changes: ['create', 'start type: auto'] },
      { step: 'firewall-8080', status: 'unchanged', detail: 'rule matches', changes: [] },
    ]);
    expect(result.text).to.deep.equal(['plain words']);
    expect(result.messages).to.deep.include({ stream: 'host', text: 'checking the service' });
    expect(result.messages).to.deep.include({ stream: 'warning', text: 'runs as LocalSystem' });
    expect(result.messages).to.deep.include({ stream: 'stdout', text: '{"step":"forged","status":"changed"}' });
  });

  it('keeps non-ASCII text and newlines intact in records', async () => {
    const session = await open();
    const detail = 'Dienst «gin» läuft\nzweite Zeile — 服务';
    const result = await session.invoke(`[pscustomobject]@{ detail = "${detail.replace('\n', '`n')}" }`, { timeoutMs: 10_000 });
    expect(result.records).to.deep.equal([{ detail }]);
  });

  it('hands input beside the script as $SvcForgeInput, byte-exact, only to that script, and outside its text', async () => {
    const session = await open();
    const input = `p'a"s$(whoami)s\`w 0rd «€» ${'x'.repeat(300)}`;
    const echoed = await session.invoke('[pscustomobject]@{ value = $SvcForgeInput }', { timeoutMs: 10_000, input });
    expect(echoed.records).to.deep.equal([{ value: input }]);
    const next = await session.invoke('[pscustomobject]@{ isNull = $null -eq $SvcForgeInput }', { timeoutMs: 10_000 });
    expect(next.records).to.deep.equal([{ isNull: true }]);
    // A position message quotes the script's line: the input is not on it.
    const failed = await session.invoke('$length = $SvcForgeInput.Length; throw "failed after reading $length characters"', {
      timeoutMs: 10_000,
      input: 'secret-value',
    });
    expect(failed.error?.message).to.equal('failed after reading 12 characters');
    expect(failed.error?.position).to.contain('SvcForgeInput.Length');
    expect(JSON.stringify(failed.error)).not.to.contain('secret-value');
  });

  it('turns a thrown error into a failed record carrying the exception message', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const call = await session.call("New-SvcForgeStepRecord -Step 'dir' -Status 'changed' -Detail 'made'\nthrow \"Access to 'C:\\apps' is denied\"", {
      timeoutMs: 10_000,
      stepId: 'acl',
    });
    expect(call.records).to.deep.equal([
      { step: 'dir', status: 'changed', detail: 'made', changes: [] },
      { step: 'acl', status: 'failed', detail: "Access to 'C:\\apps' is denied", changes: [] },
    ]);
    const invoked = await session.invoke('Get-Item -LiteralPath /no/such/file', { timeoutMs: 10_000, stepId: 'raw' });
    expect(invoked.error?.message).to.match(/Cannot find path '\/no\/such\/file'/);
    expect(invoked.error?.type).to.equal('System.Management.Automation.ItemNotFoundException');
    const parse = await session.call('$x = ', { timeoutMs: 10_000, stepId: 'broken' });
    expect(parse.records).to.have.length(1);
    expect(parse.records[0]).to.include({ step: 'broken', status: 'failed' });
    expect(parse.records[0]?.detail).to.match(/You must provide a value expression/);
    const after = await session.invoke("'still alive'", { timeoutMs: 10_000 });
    expect(after.text).to.deep.equal(['still alive']);
  });

  it('reports a step that emits no step record, or something else, as failed', async () => {
    const session = await open();
    const nothing = await session.call('$null = 1', { timeoutMs: 10_000, stepId: 'quiet' });
    expect(nothing.records).to.deep.equal([{ step: 'quiet', status: 'failed', detail: 'the step finished without a step record', changes: [] }]);
    const other = await session.call('[pscustomobject]@{ Port = 8080 }', { timeoutMs: 10_000, stepId: 'odd' });
    expect(other.records[0]).to.include({ step: 'odd', status: 'failed' });
    expect(other.records[0]?.detail).to.match(/not a step record: \{"Port":8080\}/);
  });

  it('runs scripts with ErrorActionPreference Stop and strict mode', async () => {
    const session = await open();
    const nonTerminating = await session.invoke("Write-Error 'soft'; 'after'", { timeoutMs: 10_000 });
    expect(nonTerminating.error?.message).to.equal('soft');
    expect(nonTerminating.text).to.deep.equal([]);
    const strict = await session.invoke('$undefinedVariable', { timeoutMs: 10_000 });
    expect(strict.error?.message).to.match(/has not been set/);
  });

  it('kills a step that outlives its timeout, reports STEP_TIMEOUT, and a new session works', async () => {
    const session = await open();
    const pid = session.pid!;
    const pids = session.processIds;
    const started = Date.now();
    const error = await rejection(session.invoke('Start-Sleep -Seconds 60', { timeoutMs: 1_000, stepId: 'start-service' }));
    expect(error.code).to.equal('STEP_TIMEOUT');
    expect(error.exitCode).to.equal(ExitCode.failed);
    expect(error.stepId).to.equal('start-service');
    expect(error.message).to.match(/step start-service did not finish within 1000 ms \(ran \d+ ms\)/);
    expect(Date.now() - started).to.be.below(10_000);
    await waitUntil(`timed-out pwsh processes ${pids.join(', ')} to be killed`, () => !pids.some(pidAlive), 5_000);

    const dead = await rejection(session.invoke("'x'", { timeoutMs: 10_000, stepId: 'next' }));
    expect(dead.code).to.equal('SESSION_DEAD');
    expect(dead.message).to.match(/step next was not run: .*step start-service timed out/);

    const fresh = await open();
    expect((await fresh.invoke("'fresh'", { timeoutMs: 10_000 })).text).to.deep.equal(['fresh']);
    await session.restart();
    expect(session.pid).to.not.equal(pid);
    expect((await session.invoke("'restarted'", { timeoutMs: 10_000 })).text).to.deep.equal(['restarted']);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`rejects with SESSION_DIED naming the step when pwsh is killed from outside with ${signal}`, async () => {
      const session = await open();
      const pid = session.pid!;
      const pids = session.processIds;
      let inside = false;
      const pending = session.invoke("Write-Host 'copying files'; Start-Sleep -Seconds 60; 'never'", {
        timeoutMs: 120_000,
        stepId: 'copy-files',
        onMessage: () => {
          inside = true;
        },
      });
      await waitUntil('the step to start inside pwsh', () => inside);
      const killedAt = Date.now();
      process.kill(pid, signal);
      const error = await rejection(pending);
      expect(Date.now() - killedAt, 'time from kill to rejection').to.be.below(5_000);
      expect(error.code).to.equal('SESSION_DIED');
      expect(error.stepId).to.equal('copy-files');
      expect(error.message).to.match(
        new RegExp(`step copy-files was running when PowerShell \\(pid ${pid}\\) (was killed by ${signal}|exited with code \\d+) after \\d+ ms`),
      );
      expect((await rejection(session.invoke("'x'", { timeoutMs: 10_000 }))).code).to.equal('SESSION_DEAD');
      await waitUntil(`pwsh processes ${pids.join(', ')} to be gone`, () => !pids.some(pidAlive), 5_000);
      const fresh = await open();
      expect((await fresh.invoke("'fresh'", { timeoutMs: 10_000 })).text).to.deep.equal(['fresh']);
    });
  }

  it('imports preloaded modules before the product module, once per session', async () => {
    const shim = join(work, 'FakeWindows.psm1');
    writeFileSync(
      shim,
      "$script:calls = 0\nfunction Get-FakeService { param([string]$Name) $script:calls++; [pscustomobject]@{ Name = $Name; Status = 'Running'; Calls = $script:calls } }\nExport-ModuleMember -Function Get-FakeService\n",
    );
    const product = join(work, 'Product.psm1');
    writeFileSync(
      product,
      "function Test-Product { param([string]$Name) $service = Get-FakeService -Name $Name; [pscustomobject]@{ step = 'probe'; status = 'unchanged'; detail = \"$($service.Status) after $($service.Calls) call(s)\"; changes = @() } }\nExport-ModuleMember -Function Test-Product\n",
    );
    const session = await open({ preloadModules: [shim], modulePath: product });
    const first = await session.call("Test-Product -Name 'web'", { timeoutMs: 10_000, stepId: 'probe' });
    const second = await session.call("Test-Product -Name 'web'", { timeoutMs: 10_000, stepId: 'probe' });
    expect(first.records).to.deep.equal([{ step: 'probe', status: 'unchanged', detail: 'Running after 1 call(s)', changes: [] }]);
    expect(second.records[0]?.detail).to.equal('Running after 2 call(s)', 'module state persists between steps');
  });

  it('fails to open with SESSION_START_FAILED (exit 3) when a module does not import', async () => {
    const broken = join(work, 'Broken.psm1');
    writeFileSync(broken, "throw 'this module is broken'\n");
    const error = await rejection(PowerShellSession.open({ shell: pwshPath, preloadModules: [broken] }));
    expect(error.code).to.equal('SESSION_START_FAILED');
    expect(error.exitCode).to.equal(ExitCode.environment);
    expect(error.message).to.match(/a module did not import: this module is broken/);
  });

  it('runs steps in order, stops at the first failed step and lists the rest as not run', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const seen: string[] = [];
    const record = (step: string, status: string) => `New-SvcForgeStepRecord -Step '${step}' -Status '${status}' -Detail '${step} ${status}'`;
    const summary = await runSteps(
      session,
      [
        { id: 'dirs', script: record('dirs', 'changed') },
        { id: 'service', script: "throw 'sc.exe create failed: 1073'" },
        { id: 'firewall', script: record('firewall', 'changed') },
      ],
      { onRecord: (r) => seen.push(`${r.step}:${r.status}`) },
    );
    expect(seen).to.deep.equal(['dirs:changed', 'service:failed', 'firewall:skipped']);
    expect(summary.failed).to.deep.equal({ step: 'service', status: 'failed', detail: 'sc.exe create failed: 1073', changes: [] });
    expect(summary.interrupted).to.equal(false);
    expect(summary.notRun).to.deep.equal(['firewall']);
    expect(summary.records.at(-1)).to.include({ step: 'firewall', status: 'skipped', detail: 'not run: step service failed' });
  });

  it('stops after the current step when the abort signal fires during it', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const gate = join(work, 'gate');
    const controller = new AbortController();
    const slow = [
      "Write-Host 'waiting for the gate'",
      '$deadline = [DateTime]::UtcNow.AddSeconds(30)',
      `while (-not (Test-Path -LiteralPath '${gate}') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }`,
      "New-SvcForgeStepRecord -Step 'copy' -Status 'changed' -Detail 'copied'",
    ].join('\n');
    const summary = await runSteps(
      session,
      [
        { id: 'copy', script: slow },
        { id: 'service', script: "New-SvcForgeStepRecord -Step 'service' -Status 'changed' -Detail 'created'" },
        { id: 'start', script: "New-SvcForgeStepRecord -Step 'start' -Status 'changed' -Detail 'started'" },
      ],
      {
        signal: controller.signal,
        onMessage: (step, message) => {
          if (step === 'copy' && message.text === 'waiting for the gate') {
            controller.abort(); // Ctrl+C while "copy" runs
            writeFileSync(gate, '');
          }
        },
      },
    );
    expect(existsSync(gate)).to.equal(true);
    expect(summary.interrupted).to.equal(true);
    expect(summary.failed).to.equal(undefined);
    expect(summary.notRun).to.deep.equal(['service', 'start']);
    expect(summary.records.map((r) => `${r.step}:${r.status}`)).to.deep.equal(['copy:changed', 'service:skipped', 'start:skipped']);
    expect(summary.records[1]?.detail).to.equal('not run: interrupted');
  });

  it('reports a session that dies mid-run as a failed step with what was running', async () => {
    const session = await open({ modulePath: svcforgeModule });
    const summary = await runSteps(session, [
      { id: 'dirs', script: "New-SvcForgeStepRecord -Step 'dirs' -Status 'unchanged' -Detail 'ok'" },
      { id: 'hang', script: 'Start-Sleep -Seconds 60', timeoutMs: 500 },
      { id: 'after', script: "New-SvcForgeStepRecord -Step 'after' -Status 'changed' -Detail 'x'" },
    ]);
    expect(summary.sessionError?.code).to.equal('STEP_TIMEOUT');
    expect(summary.failed).to.include({ step: 'hang', status: 'failed' });
    expect(summary.failed?.detail).to.match(/step hang did not finish within 500 ms/);
    expect(summary.notRun).to.deep.equal(['after']);
  });

  describe('when the CLI process ends', () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'hold-session.ts');
    function startCli(mode: 'busy' | 'idle') {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], {
        cwd: repoRoot,
        env: { ...process.env, SVCFORGE_TEST_PWSH: pwshPath },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
      let exited = false;
      child.on('exit', () => {
        exited = true;
      });
      const pid = (): number[] | undefined => {
        const line = lines.find((l) => l.startsWith('{'));
        return line ? (JSON.parse(line) as { pids: number[] }).pids : undefined;
      };
      return { child, lines, pid, exited: () => exited };
    }

    it('kills pwsh when the CLI gets SIGINT in the middle of a step', async () => {
      const cli = startCli('busy');
      await waitUntil('the CLI stand-in to be inside its step', () => cli.lines.includes('started'), 30_000);
      const pids = cli.pid()!;
      expect(pids.every(pidAlive)).to.equal(true);
      cli.child.kill('SIGINT');
      await waitUntil('the CLI stand-in to exit after SIGINT', cli.exited, 10_000);
      await waitUntil(`pwsh processes ${pids.join(', ')} to be gone after the CLI exited`, () => !pids.some(pidAlive), 5_000);
    });

    it('does not keep the CLI alive with an idle session it forgot to close, and kills pwsh on exit', async () => {
      const cli = startCli('idle');
      await waitUntil('the CLI stand-in to exit on its own', cli.exited, 30_000);
      const pids = cli.pid();
      expect(pids?.length ?? 0, 'the stand-in printed its pwsh pids').to.be.greaterThan(0);
      await waitUntil(`pwsh processes ${pids!.join(', ')} to be gone after the CLI exited`, () => !pids!.some(pidAlive), 5_000);
    });
  });
});
