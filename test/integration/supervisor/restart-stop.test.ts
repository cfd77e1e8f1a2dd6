/**
 * Restart policy and forced stop of svcforge-host.exe under Wine's SCM, with the
 * supervisor's test programs: crash.exe CODE N and stubborn.exe (ignores Ctrl+C and
 * starts a grandchild that ignores it too).
 */
import { expect } from 'chai';
import { cleanup, hostExe, prefixProcesses, queryState, readText, startService, stopService, testprog, waitFor, winPath } from '../../support/wine.js';
import { hostLogTime, installHostService, matchLines, readStatus, requireBuilt, tail, waitForLine, waitForState } from '../../support/supervisor.js';

describe('svcforge-host.exe restart policy and forced stop under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('crash'), testprog('stubborn')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it('restarts a crashing program after delays that double up to backoff_max_ms, then gives up with service exit code 7002', async function () {
    this.timeout(120_000);
    const svc = await installHostService(
      'sftest-crash',
      (logDir) => `
version = 1
name = sftest-crash
program = ${winPath(testprog('crash'))}
arg = 3
arg = 2
log_dir = ${logDir}
log_event_log = false
restart = on-failure
backoff_initial_ms = 200
backoff_max_ms = 800
backoff_reset_ms = 600000
backoff_jitter_percent = 0
give_up_failures = 6
give_up_window_ms = 600000
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 60_000, svc.hostLog);

    const delays = matchLines(svc.hostLog, /restart in (\d+) ms \(restart (\d+)[;)]/).map((m) => Number(m[1]));
    expect(delays, tail(svc.hostLog, 40)).to.deep.equal([200, 400, 800, 800, 800]);
    const exits = matchLines(svc.hostLog, /exited pid=\d+ code=3 /);
    expect(exits, 'six crashes, each with exit code 3').to.have.length(6);
    expect(matchLines(svc.hostLog, /gave up: 6 failures within 600000 ms; stopping with exit code 7002/)).to.have.length(1);
    expect(await queryState(svc.name)).to.deep.include({ state: 'STOPPED', win32ExitCode: 1066, serviceExitCode: 7002 });
    expect(readStatus(svc)).to.include({ state: 'gave_up', restarts: 5, last_exit_code: 3 });

    // The announced delay is really waited: the next start is never earlier. (A lower
    // bound only; nothing here depends on how fast the machine is.)
    const lines = readText(svc.hostLog).split(/\r?\n/);
    let checked = 0;
    for (let i = 0; i < lines.length; i++) {
      const r = /restart in (\d+) ms/.exec(lines[i]!);
      if (!r) continue;
      const next = lines.slice(i + 1).find((l) => /info: started pid=/.test(l));
      expect(next, `a start after ${lines[i]}`).to.not.equal(undefined);
      expect(hostLogTime(next!) - hostLogTime(lines[i]!)).to.be.at.least(Number(r[1]) - 16);
      checked++;
    }
    expect(checked).to.equal(5);
    // The program's own output went to its log, every run.
    expect(matchLines(svc.outLog, /^crash exiting with 3$/)).to.have.length(6);
  });

  it('shows "backoff" with the time to the next start in the status file while waiting to restart', async function () {
    this.timeout(120_000);
    const svc = await installHostService(
      'sftest-backoff',
      (logDir) => `
version = 1
name = sftest-backoff
program = ${winPath(testprog('crash'))}
arg = 5
arg = 1
log_dir = ${logDir}
log_event_log = false
restart = on-failure
backoff_initial_ms = 60000
backoff_max_ms = 60000
backoff_jitter_percent = 0
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    const status = await waitFor(
      () => {
        const s = readStatus(svc);
        return s?.state === 'backoff' ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'status.json state "backoff"', describe: () => readText(svc.statusFile) + tail(svc.hostLog) },
    );
    expect(status.next_start_in_ms).to.be.a('number').within(1, 60_000);
    expect(status).to.include({ last_exit_code: 5, pid: null, restarts: 1 });
    expect((await queryState(svc.name))?.state, 'the service stays RUNNING while it backs off').to.equal('RUNNING');
    // A stop during the backoff ends it at once, without starting the program again.
    const stopped = await stopService(svc.name);
    expect(stopped.code, stopped.stdout).to.equal(0);
    expect(matchLines(svc.hostLog, /info: started pid=/)).to.have.length(1);
  });

  it("stops the service with the program's own exit code when an exit_code rule says stop, so SCM recovery sees it", async function () {
    this.timeout(60_000);
    const svc = await installHostService(
      'sftest-exitcode',
      (logDir) => `
version = 1
name = sftest-exitcode
program = ${winPath(testprog('crash'))}
arg = 5
arg = 1
log_dir = ${logDir}
log_event_log = false
restart = always
exit_code = 5:stop
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 30_000, svc.hostLog);
    expect(await queryState(svc.name)).to.deep.include({ win32ExitCode: 1066, serviceExitCode: 5 });
    expect(matchLines(svc.hostLog, /info: started pid=/), 'no restart despite restart = always').to.have.length(1);
    expect(matchLines(svc.hostLog, /restart policy says stop; service exit code 5/), tail(svc.hostLog)).to.have.length(1);
    expect(readStatus(svc)).to.include({ state: 'stopped', last_exit_code: 5, restarts: 0 });
  });

  it('kills a program that ignores Ctrl+C at stop_timeout_ms, together with its grandchild', async function () {
    this.timeout(120_000);
    const svc = await installHostService(
      'sftest-stubborn',
      (logDir) => `
version = 1
name = sftest-stubborn
program = ${winPath(testprog('stubborn'))}
log_dir = ${logDir}
log_event_log = false
stop_timeout_ms = 1500
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    const child = await waitForLine(svc.outLog, /^stubborn pid=(\d+)$/, 'stubborn.exe reporting its pid');
    const grandchild = await waitForLine(svc.outLog, /^grandchild pid=(\d+)$/, 'the grandchild reporting its pid');
    expect(grandchild[1]).to.not.equal(child[1]);
    await waitFor(() => prefixProcesses(['stubborn.exe']).length === 2, {
      timeoutMs: 15_000,
      what: 'two stubborn.exe processes (child and grandchild) alive before the stop',
      describe: () => JSON.stringify(prefixProcesses(['stubborn.exe'])),
    });

    const stopped = await stopService(svc.name);
    expect(stopped.code, stopped.stdout + stopped.stderr).to.equal(0);
    expect(await queryState(svc.name)).to.deep.include({ state: 'STOPPED' });
    expect(
      matchLines(svc.hostLog, new RegExp(`stop timeout: pid=${child[1]} still running after 1500 ms; terminating its job`)),
      tail(svc.hostLog),
    ).to.have.length(1);
    await waitFor(() => prefixProcesses(['stubborn.exe']).length === 0, {
      timeoutMs: 15_000,
      what: 'stubborn.exe and its grandchild to be gone after the stop',
      describe: () => JSON.stringify(prefixProcesses(['stubborn.exe'])),
    });
  });
});
