/**
 * svcforge-host.exe runs the real Gin example as a real service under Wine's SCM:
 * sc.exe create/start, /health from Linux, net stop -> Ctrl+C -> Gin drains and exits 0.
 */
import { expect } from 'chai';
import net, { type Server } from 'node:net';
import path from 'node:path';
import {
  cleanup,
  freePort,
  ginDir,
  ginExe,
  hostExe,
  httpGet,
  occupyPort,
  prefixProcesses,
  queryState,
  readLines,
  readText,
  run,
  startService,
  stopService,
  waitFor,
  wine,
  winPath,
} from '../../support/wine.js';
import { installHostService, matchLines, readStatus, requireBuilt, tail, waitForLine, waitForState } from '../../support/supervisor.js';

describe('svcforge-host.exe supervising the Gin example under Wine', function () {
  before(async function () {
    // The Gin example is ours to build; the supervisor is built by `make -C supervisor`.
    const built = await run('bash', [path.join(ginDir, 'build.sh')], { timeoutMs: 180_000 });
    if (built.code !== 0) throw new Error(`examples/gin-hello/build.sh failed:\n${built.stderr}${built.stdout}`);
    await requireBuilt(this, [hostExe, ginExe]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it('starts Gin as a service, answers /health from Linux, reports it in the status file, and stops it gracefully with exit code 0', async function () {
    this.timeout(120_000);
    const port = await freePort();
    const svc = await installHostService(
      'sftest-gin',
      (logDir) => `
version = 1
name = sftest-gin
program = ${winPath(ginExe)}
env = PORT=${port}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
stop_timeout_ms = 15000
port = ${port}
health_http = http://127.0.0.1:${port}/health
health_interval_ms = 300
health_timeout_ms = 2000
health_failures = 3
health_start_period_ms = 0
`,
    );
    const started = await startService(svc.name);
    expect(started.code, `sc.exe start: ${started.stdout}`).to.equal(0);
    await waitForState(svc.name, 'RUNNING', 30_000, svc.hostLog);

    const health = await waitFor(
      async () => {
        const r = await httpGet(`http://127.0.0.1:${port}/health`, 2_000);
        return r.status === 200 ? r : undefined;
      },
      { timeoutMs: 30_000, what: `GET /health on 127.0.0.1:${port}`, describe: () => tail(svc.outLog) + tail(svc.hostLog) },
    );
    expect(JSON.parse(health.body)).to.include({ status: 'ok' });

    // The pid Gin reports is the one the supervisor started and publishes.
    const hello = JSON.parse((await httpGet(`http://127.0.0.1:${port}/`)).body) as { pid: number };
    const startedLine = await waitForLine(svc.hostLog, /info: started pid=(\d+): /, 'the host logging the child it started');
    expect(Number(startedLine[1])).to.equal(hello.pid);
    const status = await waitFor(
      () => {
        const s = readStatus(svc);
        return s && s.state === 'running' && s.last_health !== null ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'status.json to show running with a health result', describe: () => readText(svc.statusFile) },
    );
    expect(status).to.include({ service: 'sftest-gin', state: 'running', pid: hello.pid, port, restarts: 0 });
    expect(status.last_health).to.match(/ok|healthy|200/i);
    expect(Date.parse(status.started_at ?? '')).to.be.within(Date.now() - 120_000, Date.now() + 1_000);

    const stopped = await stopService(svc.name);
    expect(stopped.code, `net stop: ${stopped.stdout}${stopped.stderr}`).to.equal(0);
    const st = await queryState(svc.name);
    expect(st).to.deep.include({ state: 'STOPPED', win32ExitCode: 0, serviceExitCode: 0 });

    // Gin saw Ctrl+C as os.Interrupt, drained, said so, and exited 0 before the timeout.
    const out = readLines(svc.outLog);
    expect(out, tail(svc.outLog)).to.include('gin-hello: shutdown: graceful, in-flight requests done');
    expect(matchLines(svc.hostLog, new RegExp(`exited pid=${hello.pid} code=0 after stop request`)), tail(svc.hostLog)).to.have.length(1);
    expect(matchLines(svc.hostLog, /stop timeout/), 'Gin must not need the kill').to.have.length(0);
    expect(readStatus(svc)).to.include({ state: 'stopped', pid: null, last_exit_code: 0 });
    expect(prefixProcesses(['gin-hello.exe']), 'no Gin process left').to.have.length(0);

    // The port is free again: we can bind it from Linux.
    const again = await occupyPort(port);
    await new Promise<void>((r) => again.close(() => r()));
  });

  it('lets a request that is in flight when the stop arrives finish before Gin exits 0', async function () {
    this.timeout(120_000);
    const port = await freePort();
    const svc = await installHostService(
      'sftest-drain',
      (logDir) => `
version = 1
name = sftest-drain
program = ${winPath(ginExe)}
env = PORT=${port}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
stop_timeout_ms = 30000
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${port}/health`, 2_000)).status === 200, {
      timeoutMs: 30_000,
      what: `GET /health on 127.0.0.1:${port}`,
      describe: () => tail(svc.hostLog),
    });

    // A request whose headers are not complete yet: in flight, not idle. Go's Shutdown
    // waits for it (for up to 5 s for a connection that has not finished its first
    // request's headers), so it has to be completed soon after the stop begins.
    const sock = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject));
    const received: Buffer[] = [];
    sock.on('data', (b: Buffer) => received.push(b));
    const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
    sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    const stopping = wine(['net.exe', 'stop', svc.name], { timeoutMs: 60_000 });
    await waitForLine(svc.outLog, /^gin-hello: shutdown: interrupt received, draining/, 'Gin to start draining');
    expect((await queryState(svc.name))?.state, 'the service waits for Gin to drain').to.equal('STOP_PENDING');
    expect(readLines(svc.outLog)).to.not.include('gin-hello: shutdown: graceful, in-flight requests done');

    sock.write('\r\n');
    await closed;
    const response = Buffer.concat(received).toString('utf8');
    expect(response, 'the in-flight request got its answer').to.match(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).to.match(/"message":"hello from gin-hello"/);
    // Keep-alives are off once the drain began: the client is told to go elsewhere.
    expect(response, 'the last answer closes the keep-alive connection').to.match(/\r\nConnection: close\r\n/i);

    await stopping;
    await waitForState(svc.name, 'STOPPED', 30_000, svc.hostLog);
    expect(await queryState(svc.name)).to.deep.include({ win32ExitCode: 0, serviceExitCode: 0 });
    expect(readLines(svc.outLog), tail(svc.outLog)).to.include('gin-hello: shutdown: graceful, in-flight requests done');
    expect(matchLines(svc.hostLog, /exited pid=\d+ code=0 after stop request/), tail(svc.hostLog)).to.have.length(1);
  });

  it('does not start Gin while its port is taken, names the port in the log, and backs off instead of looping', async function () {
    this.timeout(120_000);
    const port = await freePort();
    let squatter: Server | undefined = await occupyPort(port);
    try {
      const svc = await installHostService(
        'sftest-port',
        (logDir) => `
version = 1
name = sftest-port
program = ${winPath(ginExe)}
env = PORT=${port}
log_dir = ${logDir}
log_event_log = false
port = ${port}
restart = on-failure
backoff_initial_ms = 300
backoff_max_ms = 300
backoff_jitter_percent = 0
give_up_failures = 3
give_up_window_ms = 600000
`,
      );
      expect((await startService(svc.name)).code).to.equal(0);
      await waitForState(svc.name, 'STOPPED', 60_000, svc.hostLog);
      const failures = matchLines(svc.hostLog, new RegExp(`start failed: port ${port} is in use by (pid \\d+|another process)`));
      expect(failures, tail(svc.hostLog)).to.have.length(3);
      // Each failed start waits the backoff before the next try: no tight loop.
      expect(matchLines(svc.hostLog, /restart in 300 ms/), tail(svc.hostLog)).to.have.length(2);
      expect(matchLines(svc.hostLog, /info: started pid=/), 'Gin must never have been started').to.have.length(0);
      expect(matchLines(svc.hostLog, /gave up: 3 failures/), tail(svc.hostLog)).to.have.length(1);
      expect(await queryState(svc.name)).to.deep.include({ state: 'STOPPED', win32ExitCode: 1066, serviceExitCode: 7002 });
      expect(prefixProcesses(['gin-hello.exe'])).to.have.length(0);
    } finally {
      await new Promise<void>((r) => (squatter ? squatter.close(() => r()) : r()));
      squatter = undefined;
    }
  });

  it('restarts Gin when its health check keeps failing, and logs why', async function () {
    this.timeout(120_000);
    const port = await freePort();
    // Gin answers 404 on a path it does not serve: a real, reachable, unhealthy program.
    const svc = await installHostService(
      'sftest-health',
      (logDir) => `
version = 1
name = sftest-health
program = ${winPath(ginExe)}
env = PORT=${port}
env = GIN_MODE=release
log_dir = ${logDir}
log_event_log = false
restart = always
backoff_initial_ms = 100
backoff_max_ms = 100
backoff_jitter_percent = 0
health_http = http://127.0.0.1:${port}/not-served
health_interval_ms = 300
health_timeout_ms = 1000
health_failures = 2
health_start_period_ms = 0
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    const first = await waitForLine(svc.hostLog, /info: started pid=(\d+)/, 'the first Gin start');
    const unhealthy = await waitForLine(
      svc.hostLog,
      /unhealthy: 2 consecutive health checks failed, last: (.*); restarting pid=(\d+)/,
      'the unhealthy verdict',
      60_000,
    );
    expect(unhealthy[2]).to.equal(first[1]);
    expect(unhealthy[1]).to.match(/404/);
    const restarted = await waitFor(() => matchLines(svc.hostLog, /info: started pid=(\d+)/).find((m) => m[1] !== first[1]), {
      timeoutMs: 60_000,
      what: 'a second Gin process started after the unhealthy verdict',
      describe: () => tail(svc.hostLog),
    });
    expect(restarted[1]).to.not.equal(first[1]);
    // The unhealthy Gin was stopped the graceful way (Ctrl+C), not killed.
    expect(readLines(svc.outLog), tail(svc.outLog)).to.include('gin-hello: shutdown: graceful, in-flight requests done');
    const status = await waitFor(
      () => {
        const s = readStatus(svc);
        return s && s.restarts >= 1 ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'status.json to count the restart', describe: () => readText(svc.statusFile) },
    );
    expect(status.restarts).to.be.at.least(1);
  });
});
