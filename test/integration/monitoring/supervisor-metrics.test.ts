/**
 * svcforge-host.exe's metrics under Wine's SCM: GET /metrics and the textfile judged by
 * promtool, restart reasons, a stuck scraper, the port already taken, and a real Prometheus
 * (started here on loopback with its own config and data folder) scraping the supervisor.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cleanup,
  freePort,
  ginExe,
  hostExe,
  httpGet,
  occupyPort,
  prefixProcesses,
  queryState,
  readText,
  startService,
  stopService,
  testprog,
  waitFor,
  winPath,
} from '../../support/wine.js';
import { installHostService, matchLines, readStatus, requireBuilt, tail, waitForLine, type HostService } from '../../support/supervisor.js';

function promtoolCheck(text: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The value of the one sample whose name and labels start with `series`, e.g. svcforge_up{service="x" */
function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function crashConf(name: string, code: string, extra: string) {
  return (logDir: string) => `
version = 1
name = ${name}
program = ${winPath(testprog('crash'))}
arg = ${code}
arg = 1
log_dir = ${logDir}
log_event_log = false
restart = on-failure
backoff_initial_ms = 1500
backoff_max_ms = 1500
backoff_jitter_percent = 0
${extra}
`;
}

async function scrape(port: number): Promise<string> {
  const result = await httpGet(`http://127.0.0.1:${port}/metrics`);
  expect(result.status).to.equal(200);
  return result.body;
}

async function waitForSample(port: number, series: string, atLeast: number, svc: HostService): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      last = await scrape(port).catch(() => '');
      return (sampleValue(last, series) ?? -1) >= atLeast ? last : undefined;
    },
    { timeoutMs: 60_000, what: `${series} >= ${atLeast} on /metrics`, describe: () => `${last}\n${tail(svc.hostLog)}` },
  );
}

describe('svcforge-host.exe metrics under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('crash'), testprog('stubborn')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it('serves /metrics and the textfile in a form promtool accepts, counting a crash and an exit code by reason', async function () {
    this.timeout(180_000);
    const port = await freePort();
    const svc = await installHostService('sftest-metrics-crash', (logDir) =>
      crashConf('sftest-metrics-crash', '3221225477', `metrics_listen = 127.0.0.1:${port}\nmetrics_textfile = ${logDir}\\sftest.prom\n`)(logDir),
    );
    const textfile = path.join(svc.logDir.linux, 'sftest.prom');
    expect((await startService(svc.name)).code).to.equal(0);
    const crashSeries = 'svcforge_restarts_total{service="sftest-metrics-crash",instance="';
    const text = await waitFor(
      async () => {
        const body = await scrape(port).catch(() => '');
        const line = body.split('\n').find((l) => l.startsWith(crashSeries) && l.includes('reason="crash"'));
        return line && Number(line.split(' ').pop()) >= 1 ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'a crash restart on /metrics', describe: () => tail(svc.hostLog) },
    );
    expect(text).to.match(/svcforge_restarts_total\{service="sftest-metrics-crash",instance="[^"]*",reason="exit_code"\} 0\n/);
    expect(text).to.match(/svcforge_last_exit_code\{service="sftest-metrics-crash",instance="[^"]*"\} 3221225477\n/);
    expect(promtoolCheck(text)).to.deep.equal({ status: 0, output: '' });

    const file = await waitFor(() => (readText(textfile).includes('reason="crash"} ') ? readText(textfile) : undefined), {
      timeoutMs: 30_000,
      what: 'the textfile',
    });
    expect(file).to.not.include('\r');
    expect(file.charCodeAt(0)).to.not.equal(0xfeff);
    expect(promtoolCheck(file)).to.deep.equal({ status: 0, output: '' });

    const status = readStatus(svc) as unknown as { restart_reasons?: Record<string, number> };
    expect(status.restart_reasons, readText(svc.statusFile)).to.include.keys('crash', 'exit_code', 'health', 'memory', 'manual');
    expect(status.restart_reasons!.crash).to.be.at.least(1);
    expect(status.restart_reasons!.exit_code).to.equal(0);
    expect(matchLines(svc.hostLog, /restart reason: crash/).length).to.be.at.least(1);
    expect((await stopService(svc.name)).code).to.equal(0);
  });

  it('keeps restarting while a scraper connects and never sends its request; the next scrape is answered; stopping with a stuck scraper works', async function () {
    this.timeout(180_000);
    const port = await freePort();
    const svc = await installHostService('sftest-metrics-stuck', crashConf('sftest-metrics-stuck', '3', `metrics_listen = 127.0.0.1:${port}\n`));
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForSample(port, 'svcforge_up{service="sftest-metrics-stuck"', 0, svc);
    const stuck = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => stuck.once('connect', resolve).once('error', reject));
    try {
      const before = readStatus(svc)?.restarts ?? 0;
      await waitFor(() => (readStatus(svc)?.restarts ?? 0) >= before + 2, {
        timeoutMs: 60_000,
        what: 'two more restarts while a scraper hangs',
        describe: () => tail(svc.hostLog),
      });
      const text = await scrape(port);
      expect(text).to.match(/reason="exit_code"\} [1-9]/);
      // A second stuck scraper is still connected while the service stops.
      const stuckAgain = net.connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => stuckAgain.once('connect', resolve).once('error', reject));
      try {
        expect((await stopService(svc.name)).code).to.equal(0);
        expect((await queryState(svc.name))?.state).to.equal('STOPPED');
      } finally {
        stuckAgain.destroy();
      }
    } finally {
      stuck.destroy();
    }
  });

  it('with the metrics port already taken: logs it once and keeps supervising', async function () {
    this.timeout(180_000);
    const port = await freePort();
    const blocker = await occupyPort(port);
    try {
      const svc = await installHostService('sftest-metrics-taken', crashConf('sftest-metrics-taken', '3', `metrics_listen = 127.0.0.1:${port}\n`));
      expect((await startService(svc.name)).code).to.equal(0);
      await waitFor(() => (readStatus(svc)?.restarts ?? 0) >= 3, {
        timeoutMs: 60_000,
        what: 'three restarts with the metrics port taken',
        describe: () => tail(svc.hostLog),
      });
      const complaints = matchLines(svc.hostLog, /metrics: cannot listen on 127\.0\.0\.1:\d+ .*supervision continues/);
      expect(complaints, tail(svc.hostLog, 40)).to.have.length(1);
      expect((await stopService(svc.name)).code).to.equal(0);
    } finally {
      blocker.close();
    }
  });

  it('a reader polling the textfile through 1,000 rewrites never sees a partial file', async function () {
    this.timeout(600_000);
    const svc = await installHostService('sftest-metrics-rewrites', (logDir) =>
      crashConf(
        'sftest-metrics-rewrites',
        '3',
        `metrics_textfile = ${logDir}\\rewrites.prom\n`,
      )(logDir)
        .replace('backoff_initial_ms = 1500', 'backoff_initial_ms = 0')
        .replace('backoff_max_ms = 1500', 'backoff_max_ms = 0'),
    );
    const textfile = path.join(svc.logDir.linux, 'rewrites.prom');
    const sampleLine = /^svcforge_[a-z_]+\{service="sftest-metrics-rewrites",instance="[^"]*"(?:,[a-z]+="[^"]*")?\} -?[0-9.]+$/;
    const complete = (text: string): boolean =>
      text.startsWith('# HELP svcforge_up ') &&
      /\nsvcforge_gave_up\{[^}]*\} [01]\n$/.test(text) &&
      text
        .slice(0, -1)
        .split('\n')
        .every((line) => line.startsWith('# ') || sampleLine.test(line));
    // Under load Wine's sc.exe can give up waiting before the service reports RUNNING:
    // what matters is that it runs, and the message says why if it does not.
    const started = await startService(svc.name);
    if (started.code !== 0) {
      const state = (await queryState(svc.name))?.state;
      expect(state, `sc.exe start exited ${started.code}: ${started.stdout}${started.stderr}${tail(svc.hostLog)}`).to.be.oneOf(['RUNNING', 'START_PENDING']);
    }
    // Each restart publishes twice (running, then the restart); 500 restarts are 1,000 rewrites.
    let reads = 0;
    const distinct = new Set<string>();
    const partial: string[] = [];
    const deadline = Date.now() + 540_000;
    while ((readStatus(svc)?.restarts ?? 0) < 500) {
      if (Date.now() > deadline) expect.fail(`fewer than 500 restarts before the deadline${tail(svc.hostLog)}`);
      let text: string;
      try {
        text = readFileSync(textfile, 'utf8');
      } catch {
        continue; // not written yet
      }
      reads++;
      distinct.add(text);
      if (!complete(text)) partial.push(text);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(partial, partial[0]).to.deep.equal([]);
    expect(reads).to.be.greaterThan(1000);
    expect(distinct.size, 'the reader saw the file change many times').to.be.greaterThan(100);
    expect(promtoolCheck(readFileSync(textfile, 'utf8')).status).to.equal(0);
    expect((await stopService(svc.name)).code).to.equal(0);
  });

  describe('scraped by a real Prometheus', function () {
    let prometheus: ChildProcess | undefined;
    let work: string | undefined;
    afterEach(function () {
      prometheus?.kill('SIGTERM');
      prometheus = undefined;
      if (work) rmSync(work, { recursive: true, force: true });
      work = undefined;
    });

    it('scrapes Gin under the supervisor: a crash forced from Linux shows up as a restart with its reason, a failing health check in the health series', async function () {
      this.timeout(300_000);
      await requireBuilt(this, [ginExe]);
      const crashPort = await freePort();
      const healthPort = await freePort();
      const ginPorts = [await freePort(), await freePort()];
      const conf = (name: string, ginPort: number, metricsPort: number, health: string) => (logDir: string) => `
version = 1
name = ${name}
program = ${winPath(ginExe)}
env = PORT=${ginPort}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 500
backoff_max_ms = 500
backoff_jitter_percent = 0
${health}
metrics_listen = 127.0.0.1:${metricsPort}
`;
      const crashing = await installHostService('sftest-prom-crash', conf('sftest-prom-crash', ginPorts[0]!, crashPort, ''));
      // Gin answers 404 on a path it does not serve: reachable, running, unhealthy.
      const unhealthy = await installHostService(
        'sftest-prom-health',
        conf(
          'sftest-prom-health',
          ginPorts[1]!,
          healthPort,
          `health_http = http://127.0.0.1:${ginPorts[1]!}/not-served\nhealth_interval_ms = 500\nhealth_timeout_ms = 1000\nhealth_failures = 100000\nhealth_start_period_ms = 0`,
        ),
      );
      expect((await startService(crashing.name)).code).to.equal(0);
      const firstGin = await waitForLine(crashing.hostLog, /info: started pid=(\d+)/, 'the first Gin start');
      await waitFor(async () => (await httpGet(`http://127.0.0.1:${ginPorts[0]!}/health`).catch(() => ({ status: 0 }))).status === 200, {
        timeoutMs: 60_000,
        what: 'Gin answering /health',
        describe: () => tail(crashing.hostLog),
      });

      work = mkdtempSync(path.join(tmpdir(), 'svcforge-prometheus-'));
      const webPort = await freePort();
      writeFileSync(
        path.join(work, 'prometheus.yml'),
        `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n  - job_name: svcforge\n    static_configs:\n      - targets: ['127.0.0.1:${crashPort}', '127.0.0.1:${healthPort}']\n`,
      );
      prometheus = spawn(
        'prometheus',
        [`--config.file=${path.join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(work, 'data')}`, `--web.listen-address=127.0.0.1:${webPort}`],
        { stdio: 'ignore' },
      );
      const query = async (promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> => {
        const result = await httpGet(`http://127.0.0.1:${webPort}/api/v1/query?query=${encodeURIComponent(promql)}`);
        if (result.status !== 200) return [];
        return (JSON.parse(result.body) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
      };
      await waitFor(async () => (await query('svcforge_up{service="sftest-prom-crash"} == 1').catch(() => [])).length > 0, {
        timeoutMs: 90_000,
        what: 'Prometheus to scrape the supervisor with Gin up',
      });
      // The crash: Gin killed from Linux, as an OOM killer or a fatal signal would.
      // Only the crashing service runs Gin yet: the one gin-hello.exe is its child.
      const gin = prefixProcesses(['gin-hello.exe']);
      expect(gin, JSON.stringify(gin)).to.have.length(1);
      const victim = gin[0];
      process.kill(victim!.pid, 'SIGKILL');
      await waitFor(() => matchLines(crashing.hostLog, /info: started pid=(\d+)/).some((m) => m[1] !== firstGin[1]), {
        timeoutMs: 60_000,
        what: 'Gin restarted after the kill',
        describe: () => tail(crashing.hostLog),
      });
      expect((await startService(unhealthy.name)).code).to.equal(0);
      const reason = matchLines(crashing.hostLog, /restart reason: (\w+)/)[0]![1]!;
      expect(['crash', 'exit_code']).to.include(reason);
      const crashes = await waitFor(
        async () => {
          const rows = await query(`svcforge_restarts_total{service="sftest-prom-crash",reason="${reason}"} > 0`).catch(() => []);
          return rows.length > 0 ? rows : undefined;
        },
        { timeoutMs: 90_000, what: 'Prometheus to have scraped a crash restart', describe: () => tail(crashing.hostLog) },
      );
      expect(crashes[0]!.metric).to.include({ job: 'svcforge', reason, service: 'sftest-prom-crash' });
      const health = await waitFor(
        async () => {
          const rows = await query('svcforge_health_up{service="sftest-prom-health"} == 0 and on(service) svcforge_health_probe_failures_total > 0').catch(
            () => [],
          );
          return rows.length > 0 ? rows : undefined;
        },
        { timeoutMs: 90_000, what: 'Prometheus to see the health check failing', describe: () => tail(unhealthy.hostLog) },
      );
      expect(health[0]!.metric).to.include({ service: 'sftest-prom-health' });
      const up = await query('svcforge_up{service="sftest-prom-health"}');
      expect(up[0]?.value[1]).to.equal('1');
    });
  });
});
