/**
 * Bad configuration: `svcforge-host.exe check` and a service started with a bad config,
 * under Wine. Errors read `file:line: key: problem` (supervisor/FORMAT.md).
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, createService, hostExe, queryState, readText, startService, testDir, testprog, wine, winPath } from '../../support/wine.js';
import { requireBuilt, tail, waitForState } from '../../support/supervisor.js';

describe('svcforge-host.exe with a bad config under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('ctrlc')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  const badConf = (logDir: string): string =>
    [
      '# line 1: a comment',
      'version = 1',
      'name = sftest-badconf',
      `program = ${winPath(testprog('ctrlc'))}`,
      `log_dir = ${logDir}`,
      'colour = blue',
      'backoff_initial_ms = soon',
      '',
    ].join('\r\n');

  it('check exits 0 for a valid config', async function () {
    const dir = testDir('sftest-goodconf');
    const conf = path.join(dir.linux, 'svcforge-host.conf');
    writeFileSync(conf, `version = 1\r\nname = ok\r\nprogram = ${winPath(testprog('ctrlc'))}\r\nlog_dir = ${dir.win}\\logs\r\n`);
    const r = await wine([winPath(hostExe), 'check', winPath(conf)], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).to.equal(0);
  });

  it('check exits 2 and names file:line: key for every problem', async function () {
    const dir = testDir('sftest-badconf');
    const conf = path.join(dir.linux, 'svcforge-host.conf');
    writeFileSync(conf, badConf(`${dir.win}\\logs`));
    const r = await wine([winPath(hostExe), 'check', winPath(conf)], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr).to.include(`${winPath(conf)}:6: colour: `);
    expect(r.stderr).to.include(`${winPath(conf)}:7: backoff_initial_ms: `);
  });

  it('a service with a bad config stops with service exit code 7001 and logs file:line, without starting the program', async function () {
    this.timeout(60_000);
    const dir = testDir('sftest-badconf-svc');
    const conf = path.join(dir.linux, 'svcforge-host.conf');
    writeFileSync(conf, badConf(`${dir.win}\\logs`));
    await createService('sftest-badconf-svc', `"${winPath(hostExe)}" service "${winPath(conf)}"`);
    await startService('sftest-badconf-svc');
    // Before the config is read there is no log_dir: the host logs next to the config.
    const hostLog = path.join(dir.linux, 'svcforge-host.log');
    await waitForState('sftest-badconf-svc', 'STOPPED', 30_000, hostLog);
    expect(await queryState('sftest-badconf-svc')).to.deep.include({ win32ExitCode: 1066, serviceExitCode: 7001 });
    const log = readText(hostLog);
    expect(log, tail(hostLog)).to.include(`${winPath(conf)}:6: colour: `);
    expect(log).to.not.match(/started pid=/);
  });
});
