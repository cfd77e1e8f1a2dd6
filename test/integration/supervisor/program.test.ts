/**
 * How svcforge-host.exe starts the program under Wine's SCM: exact argv (CreateProcess
 * quoting), the program's own folder as working directory (never System32), and the
 * inherited environment merged with the config's `env` entries. envdump.exe prints
 * what it received.
 */
import { expect } from 'chai';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cleanup, hostExe, linuxPath, readLines, startService, testprog, winPath } from '../../support/wine.js';
import { installHostService, requireBuilt, tail, waitForState } from '../../support/supervisor.js';

describe('svcforge-host.exe starting the program under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('envdump')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  it("passes every argument exactly, runs in the program's folder, and merges env entries into the inherited environment", async function () {
    this.timeout(60_000);
    const args = ['plain', 'with space', 'say "hi"', 'C:\\dir with space\\', '', 'h\u00e9llo \u00fcn\u00efcode', '%PATH%', 'a\\\\"b'];
    // Values that need it are written quoted, with FORMAT.md's escapes (\\ and \").
    const confValue = (v: string): string => (v !== '' && v.trim() === v && !v.startsWith('"') ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
    let appDir = '';
    const svc = await installHostService('sftest-env', (logDir) => {
      appDir = path.join(path.dirname(linuxPath(logDir)), 'app');
      mkdirSync(appDir, { recursive: true });
      copyFileSync(testprog('envdump'), path.join(appDir, 'envdump.exe'));
      return [
        'version = 1',
        'name = sftest-env',
        `program = ${winPath(path.join(appDir, 'envdump.exe'))}`,
        ...args.map((a) => `arg = ${confValue(a)}`),
        'env = SVCFORGE_TEST_ADDED=value with spaces = and equals',
        'env = TEMP=C:\\svcforge-temp',
        `log_dir = ${logDir}`,
        'log_event_log = false',
        'restart = never',
        '',
      ].join('\n');
    });
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 30_000, svc.hostLog);

    const out = readLines(svc.outLog);
    expect(out, tail(svc.outLog)).to.include(`argc=${args.length + 1}`);
    for (let i = 0; i < args.length; i++) expect(out, `argument ${i + 1}`).to.include(`arg[${i + 1}]=${args[i]}`);
    expect(out).to.include(`cwd=${winPath(appDir)}`);
    const env = new Map(
      out
        .filter((l) => l.startsWith('env='))
        .map((l) => {
          const kv = l.slice(4);
          const eq = kv.indexOf('=', 1);
          return [kv.slice(0, eq).toUpperCase(), kv.slice(eq + 1)] as const;
        }),
    );
    expect(env.get('SVCFORGE_TEST_ADDED')).to.equal('value with spaces = and equals');
    expect(env.get('TEMP'), 'an env entry replaces the inherited value').to.equal('C:\\svcforge-temp');
    expect(
      [...env.keys()].filter((k) => k === 'TEMP'),
      'one TEMP, not two',
    ).to.have.length(1);
    expect(env.get('SYSTEMROOT'), 'inherited variables are kept').to.match(/^C:\\windows$/i);
  });
});
