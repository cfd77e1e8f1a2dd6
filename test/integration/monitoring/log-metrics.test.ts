/**
 * svcforge_log_bytes_total and svcforge_log_rotations_total under Wine's SCM: a test program
 * writes a known number of bytes to stdout and stderr, the host rotates by size and on
 * `svcforge-host.exe rotate`, and the counters are read back through the real /metrics
 * endpoint and the textfile, and compared with the files on disk.
 */
import { expect } from 'chai';
import { statSync } from 'node:fs';
import path from 'node:path';
import { cleanup, freePort, hostExe, httpGet, readText, startService, stopService, testprog, waitFor, wine, winPath } from '../../support/wine.js';
import { logFiles } from '../../support/lines.js';
import { promtoolCheck, sampleOf } from '../../support/metrics.js';
import { installHostService, requireBuilt, tail, waitForLine, type HostService } from '../../support/supervisor.js';

// lines.exe 101 --both: 54-byte lines, the 51 odd ones to stderr, the 50 even ones to stdout.
const LINE_BYTES = 54;
const STDOUT_LINES = 50;
const STDERR_LINES = 51;
const STAMP_BYTES = 24; // "2026-11-25T14:27:48.123 " in front of every line with log_timestamps

/** Runs lines.exe once, then waits in a 10-minute backoff: the counters stay still while the test reads them. */
function linesConf(name: string, port: number, extra: string) {
  return (logDir: string) => `
version = 1
name = ${name}
program = ${winPath(testprog('lines'))}
arg = ${STDOUT_LINES + STDERR_LINES}
arg = --both
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 600000
backoff_max_ms = 600000
backoff_jitter_percent = 0
metrics_listen = 127.0.0.1:${port}
${extra}
`;
}

async function scrape(port: number): Promise<string> {
  const result = await httpGet(`http://127.0.0.1:${port}/metrics`);
  expect(result.status).to.equal(200);
  return result.body;
}

/** Scrapes until `ready(text)` holds; says what was awaited and shows the last scrape and the host log if it never does. */
async function scrapeUntil(port: number, svc: HostService, what: string, ready: (text: string) => boolean): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      last = await scrape(port).catch(() => '');
      return ready(last) ? last : undefined;
    },
    { timeoutMs: 60_000, what, describe: () => `${last}\n${tail(svc.hostLog)}` },
  );
}

const rotatedCount = (dir: string, base: string): number => logFiles(dir, base).filter((f) => path.basename(f) !== base).length;
const totalSize = (files: readonly string[]): number => files.reduce((sum, f) => sum + statSync(f).size, 0);

describe('svcforge-host.exe log metrics under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('lines')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it('counts the bytes the program wrote per stream (timestamps not included) and every rotation, by size and on request, on /metrics and in the textfile', async function () {
    this.timeout(240_000);
    const port = await freePort();
    const name = 'sftest-logmetrics-pipe';
    const svc = await installHostService(name, (logDir) =>
      linesConf(name, port, `log_timestamps = true\nrotate_max_bytes = 1000\nmetrics_textfile = ${logDir}\\logs.prom\n`)(logDir),
    );
    const labels = { service: name };
    const outBase = path.basename(svc.outLog);
    const errBase = path.basename(svc.errLog);
    expect((await startService(name)).code).to.equal(0);

    const stdoutBytes = STDOUT_LINES * LINE_BYTES;
    const stderrBytes = STDERR_LINES * LINE_BYTES;
    const text = await scrapeUntil(
      port,
      svc,
      `log bytes stdout=${stdoutBytes} stderr=${stderrBytes} on /metrics`,
      (t) =>
        sampleOf(t, 'svcforge_log_bytes_total', { ...labels, stream: 'stdout' }) === stdoutBytes &&
        sampleOf(t, 'svcforge_log_bytes_total', { ...labels, stream: 'stderr' }) === stderrBytes,
    );
    expect(text).to.not.include('stream="combined"');
    // The files hold the program's bytes plus a stamp per line; the counter only the program's.
    expect(totalSize(logFiles(svc.logDir.linux, outBase))).to.equal(stdoutBytes + STDOUT_LINES * STAMP_BYTES);
    expect(totalSize(logFiles(svc.logDir.linux, errBase))).to.equal(stderrBytes + STDERR_LINES * STAMP_BYTES);
    // 78-byte stamped lines, 12 to a 1000-byte file: 50 lines rotate 4 times, 51 lines 4 times.
    const bySize = rotatedCount(svc.logDir.linux, outBase) + rotatedCount(svc.logDir.linux, errBase);
    expect(bySize).to.equal(8);
    expect(sampleOf(text, 'svcforge_log_rotations_total', labels)).to.equal(bySize);
    expect(promtoolCheck(text)).to.deep.equal({ status: 0, output: '' });

    // Both live files hold a few lines: a requested rotation renames each of them.
    const r = await wine([winPath(hostExe), 'rotate', svc.confWin], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).to.equal(0);
    const rotated = await scrapeUntil(
      port,
      svc,
      `${bySize + 2} rotations on /metrics`,
      (t) => sampleOf(t, 'svcforge_log_rotations_total', labels) === bySize + 2,
    );
    expect(rotatedCount(svc.logDir.linux, outBase) + rotatedCount(svc.logDir.linux, errBase)).to.equal(bySize + 2);
    expect(sampleOf(rotated, 'svcforge_log_bytes_total', { ...labels, stream: 'stdout' })).to.equal(stdoutBytes);
    expect(sampleOf(rotated, 'svcforge_log_bytes_total', { ...labels, stream: 'stderr' })).to.equal(stderrBytes);

    const textfile = path.join(svc.logDir.linux, 'logs.prom');
    const file = await waitFor(() => (sampleOf(readText(textfile), 'svcforge_log_rotations_total', labels) === bySize + 2 ? readText(textfile) : undefined), {
      timeoutMs: 30_000,
      what: `${bySize + 2} rotations in the textfile`,
      describe: () => readText(textfile),
    });
    expect(sampleOf(file, 'svcforge_log_bytes_total', { ...labels, stream: 'stdout' })).to.equal(stdoutBytes);
    expect(sampleOf(file, 'svcforge_log_bytes_total', { ...labels, stream: 'stderr' })).to.equal(stderrBytes);
    expect(promtoolCheck(file)).to.deep.equal({ status: 0, output: '' });
    expect((await stopService(name)).code).to.equal(0);
  });

  it('counts what the program appends to one combined file it writes itself (direct mode), and the rotation a request defers to the next start', async function () {
    this.timeout(240_000);
    const port = await freePort();
    const name = 'sftest-logmetrics-direct';
    const svc = await installHostService(name, linesConf(name, port, `log_stderr = ${name}.out.log\n`));
    const labels = { service: name };
    const combined = { ...labels, stream: 'combined' };
    const runBytes = (STDOUT_LINES + STDERR_LINES) * LINE_BYTES;
    expect((await startService(name)).code).to.equal(0);

    const first = await scrapeUntil(
      port,
      svc,
      `${runBytes} combined log bytes after the first run`,
      (t) => sampleOf(t, 'svcforge_log_bytes_total', combined) === runBytes,
    );
    expect(first).to.not.match(/stream="(stdout|stderr)"/);
    expect(sampleOf(first, 'svcforge_log_rotations_total', labels)).to.equal(0);
    expect(statSync(svc.outLog).size).to.equal(runBytes);

    // The program holds the file itself, so the rotation waits for its next start; `restart` brings that now.
    const rotate = await wine([winPath(hostExe), 'rotate', svc.confWin], { timeoutMs: 30_000 });
    expect(rotate.code, rotate.stderr).to.equal(0);
    await waitForLine(svc.hostLog, /rotation requested: the program writes to its log files directly/, 'the host to defer the rotation');
    expect(sampleOf(await scrape(port), 'svcforge_log_rotations_total', labels)).to.equal(0);
    const restart = await wine([winPath(hostExe), 'restart', svc.confWin], { timeoutMs: 30_000 });
    expect(restart.code, restart.stderr).to.equal(0);

    const second = await scrapeUntil(
      port,
      svc,
      `${2 * runBytes} combined log bytes and one rotation after the second run`,
      (t) => sampleOf(t, 'svcforge_log_bytes_total', combined) === 2 * runBytes && sampleOf(t, 'svcforge_log_rotations_total', labels) === 1,
    );
    const files = logFiles(svc.logDir.linux, path.basename(svc.outLog));
    expect(files.map((f) => statSync(f).size)).to.deep.equal([runBytes, runBytes]);
    expect(promtoolCheck(second)).to.deep.equal({ status: 0, output: '' });
    expect((await stopService(name)).code).to.equal(0);
  });
});
