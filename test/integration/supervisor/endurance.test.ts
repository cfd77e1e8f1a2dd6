/**
 * Endurance of svcforge-host.exe under Wine's SCM: 1,000 crash-restart cycles of
 * crash.exe with no backoff delay, and the supervisor's own handle table and memory
 * stay flat. The figures come from the host log line written after every restart,
 * `host resources: handles=H handle_probe=P working_set=W pagefile=F`. Wine's
 * GetProcessHandleCount returns 0 (H), so the handle figure is P: the value of a
 * freshly duplicated handle, which tracks the size of the handle table because
 * handle values are reused lowest-first (a leak makes it climb).
 */
import { expect } from 'chai';
import { cleanup, hostExe, readLines, startService, stopService, testprog, waitFor, winPath } from '../../support/wine.js';
import { installHostService, readStatus, requireBuilt, tail } from '../../support/supervisor.js';

const CYCLES = 1_000;
const MB = 1_048_576;

interface Resources {
  restart: number;
  handleProbe: number;
  workingSet: number;
  pagefile: number;
}

/** The highest `restart in MS ms (restart K)` number in the host log (0 when none yet). */
function restartsSeen(hostLog: string): number {
  let max = 0;
  for (const line of readLines(hostLog)) {
    const m = /restart in \d+ ms \(restart (\d+)[;)]/.exec(line);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** The `host resources` figures of each restart, keyed by the restart number of the line before. */
function resourcesByRestart(hostLog: string): Map<number, Resources> {
  const out = new Map<number, Resources>();
  let restart = 0;
  for (const line of readLines(hostLog)) {
    const r = /restart in \d+ ms \(restart (\d+)[;)]/.exec(line);
    if (r) {
      restart = Number(r[1]);
      continue;
    }
    const m = /host resources: handles=\d+ handle_probe=(\d+) working_set=(\d+) pagefile=(\d+)$/.exec(line);
    if (m && restart > 0) out.set(restart, { restart, handleProbe: Number(m[1]), workingSet: Number(m[2]), pagefile: Number(m[3]) });
  }
  return out;
}

describe('svcforge-host.exe endurance under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('crash')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it("keeps the supervisor's handle probe and working set flat over 1,000 crash-restart cycles", async function () {
    this.timeout(20 * 60_000);
    const svc = await installHostService(
      'sftest-endurance',
      (logDir) => `
version = 1
name = sftest-endurance
program = ${winPath(testprog('crash'))}
arg = 3
arg = 1
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 0
backoff_max_ms = 0
backoff_jitter_percent = 0
give_up_failures = 0
`,
    );
    const began = Date.now();
    expect((await startService(svc.name)).code).to.equal(0);
    // The deadline is generous (CI machines under Wine vary a lot); the wait ends as soon
    // as the 1,000th restart is logged.
    let seen = 0;
    await waitFor(
      () => {
        seen = restartsSeen(svc.hostLog);
        return seen >= CYCLES;
      },
      {
        timeoutMs: 15 * 60_000,
        intervalMs: 1_000,
        what: `${CYCLES} "restart in" lines in the host log`,
        describe: () => `${restartsSeen(svc.hostLog)} restarts seen${tail(svc.hostLog)}`,
      },
    );
    const cyclesMs = Date.now() - began;
    const stopped = await stopService(svc.name);
    expect(stopped.code, stopped.stdout + stopped.stderr).to.equal(0);

    const status = readStatus(svc);
    expect(status?.restarts, 'status.json restarts').to.be.a('number').at.least(CYCLES);

    const res = resourcesByRestart(svc.hostLog);
    const missing: number[] = [];
    for (let k = 1; k <= CYCLES; k++) if (!res.has(k)) missing.push(k);
    expect(missing, `restarts without a "host resources" line${tail(svc.hostLog)}`).to.deep.equal([]);
    const at = (k: number): Resources => res.get(k)!;
    const maxProbe = (from: number, to: number): number => {
      let max = 0;
      for (let k = from; k <= to; k++) max = Math.max(max, at(k).handleProbe);
      return max;
    };
    const show = (k: number): string => {
      const r = at(k);
      return `restart ${k}: handle_probe=${r.handleProbe} working_set=${r.workingSet} pagefile=${r.pagefile}`;
    };
    console.log(`      ${seen} restarts in ${(cyclesMs / 1000).toFixed(1)} s; status.json restarts=${status?.restarts}`);
    for (const k of [1, 50, CYCLES]) console.log(`      ${show(k)}`);
    console.log(`      max handle_probe: restarts 50-150 ${maxProbe(50, 150)}, restarts ${CYCLES - 99}-${CYCLES} ${maxProbe(CYCLES - 99, CYCLES)}`);

    // Bounds. The first restarts include warm-up (lazy allocations of Wine, the CRT and
    // the host log's buffers), so restart 50 is the baseline. PROBE_SLACK: handle values
    // are multiples of 4, so 8 allows two handles that happen to be open at the moment
    // of the probe; under Wine the probe stays exactly constant. A leak of one handle per
    // cycle adds ~3,800 over the 950 cycles from 50 to 1,000 (a scratch host that never
    // closed its probe handle went from 288 to 4,088). WS_SLACK: 2 MB allows page-level
    // noise of the heap; any leak above ~2.2 KB per cycle exceeds it (a scratch host
    // leaking 8 KB per restart grew by 7.8 MB and failed here).
    const PROBE_SLACK = 8;
    const WS_SLACK = 2 * MB;
    expect(at(CYCLES).handleProbe, `handle_probe after restart ${CYCLES} vs restart 50 (${show(50)})`).to.be.at.most(at(50).handleProbe + PROBE_SLACK);
    expect(at(CYCLES).workingSet, `working_set after restart ${CYCLES} vs restart 50 (${show(50)})`).to.be.at.most(at(50).workingSet + WS_SLACK);
    // No slow climb either: the highest probe of the last 100 restarts is no higher
    // than the highest of restarts 50-150 (plus the same slack).
    expect(maxProbe(CYCLES - 99, CYCLES), `max handle_probe over restarts ${CYCLES - 99}-${CYCLES} vs 50-150`).to.be.at.most(maxProbe(50, 150) + PROBE_SLACK);
  });
});
