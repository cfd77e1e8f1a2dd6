/**
 * Log capture and rotation of svcforge-host.exe under Wine's SCM, checked line by line
 * against what lines.exe wrote ("line 0000001 xxx...x", numbered from 1).
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { checkNumberedLines, describeCheck, firstLine, logFiles } from '../../support/lines.js';
import { cleanup, hostExe, queryState, startService, testprog, wine, winPath } from '../../support/wine.js';
import { installHostService, matchLines, requireBuilt, tail, waitForLine, waitForState } from '../../support/supervisor.js';

const MB = 1_048_576;

describe('svcforge-host.exe log capture and rotation under Wine', function () {
  before(async function () {
    await requireBuilt(this, [hostExe, testprog('lines')]);
  });
  afterEach(async function () {
    this.timeout(120_000);
    await cleanup();
  });

  const linesService = (name: string, lines: number, extra: string) =>
    installHostService(
      name,
      (logDir) => `
version = 1
name = ${name}
program = ${winPath(testprog('lines'))}
arg = ${lines}
arg = --block
log_dir = ${logDir}
log_event_log = false
restart = never
${extra}
`,
    );

  it('rotates 1,000,000 lines written in 64 KB blocks every 1 MB with no line lost, duplicated, split or reordered', async function () {
    this.timeout(300_000);
    const svc = await linesService('sftest-rotate', 1_000_000, `rotate_max_bytes = ${MB}\nrotate_keep = 0`);
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 240_000, svc.hostLog);
    expect(await queryState(svc.name)).to.deep.include({ win32ExitCode: 0, serviceExitCode: 0 });

    const files = logFiles(svc.logDir.linux, `${svc.name}.out.log`);
    const check = checkNumberedLines(files, 1_000_000);
    expect(check, describeCheck(check)).to.include({ lines: 1_000_000, lost: 0, duplicated: 0, reordered: 0, malformed: 0 });
    expect(firstLine(files)).to.equal('line 0000001 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    // ~54 MB at 1 MB a file: every rotated file is at most 1 MB, so there are more than 50.
    expect(files.length, 'number of log files').to.be.at.least(52);
  });

  it('keeps only rotate_keep rotated files, and they hold the newest lines without a gap', async function () {
    this.timeout(300_000);
    const svc = await linesService('sftest-keep', 1_000_000, `rotate_max_bytes = ${MB}\nrotate_keep = 3`);
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 240_000, svc.hostLog);

    const files = logFiles(svc.logDir.linux, `${svc.name}.out.log`);
    const all = readdirSync(svc.logDir.linux).filter((n) => n.startsWith(`${svc.name}.out`));
    expect(all, 'out log files left').to.have.length(4); // 3 rotated + the live file
    const first = Number(/\d+/.exec(firstLine(files) ?? '')?.[0]);
    expect(first).to.be.greaterThan(1);
    const check = checkNumberedLines(files, 1_000_000 - first + 1, { first });
    expect(check, describeCheck(check)).to.include({ lost: 0, duplicated: 0, reordered: 0, malformed: 0 });
  });

  it('prefixes every line with exactly one timestamp, also when the program splits lines across writes', async function () {
    this.timeout(300_000);
    const svc = await linesService('sftest-stamps', 200_000, `log_timestamps = true\nrotate_max_bytes = ${MB}\nrotate_keep = 0`);
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForState(svc.name, 'STOPPED', 240_000, svc.hostLog);
    const files = logFiles(svc.logDir.linux, `${svc.name}.out.log`);
    const stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} /;
    const check = checkNumberedLines(files, 200_000, { strip: stamp });
    expect(check, describeCheck(check) + tail(svc.hostLog)).to.include({ lines: 200_000, lost: 0, duplicated: 0, reordered: 0, malformed: 0 });
    expect(firstLine(files, stamp)).to.equal('line 0000001 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
  });

  it('rotates on request (`svcforge-host.exe rotate`) while the program keeps writing, at a line boundary', async function () {
    this.timeout(300_000);
    // One WriteFile per line, 200,000 lines: seconds of steady writing under Wine.
    const svc = await installHostService(
      'sftest-rotnow',
      (logDir) => `
version = 1
name = sftest-rotnow
program = ${winPath(testprog('lines'))}
arg = 200000
log_dir = ${logDir}
log_event_log = false
restart = never
rotate_max_bytes = 1073741824
`,
    );
    expect((await startService(svc.name)).code).to.equal(0);
    await waitForLine(svc.outLog, /^line 0000100 /, 'the program to be writing');
    const r = await wine([winPath(hostExe), 'rotate', svc.confWin], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).to.equal(0);
    await waitForLine(svc.hostLog, /info: rotated /, 'the host to log the rotation');
    await waitForState(svc.name, 'STOPPED', 240_000, svc.hostLog);
    const files = logFiles(svc.logDir.linux, `${svc.name}.out.log`);
    expect(files, 'one rotated file and the live one').to.have.length(2);
    const check = checkNumberedLines(files, 200_000);
    expect(check, describeCheck(check)).to.include({ lines: 200_000, lost: 0, duplicated: 0, reordered: 0, malformed: 0 });
    // The program was still running after the rotation: lines landed in the new file.
    expect(firstLine(files.slice(1))).to.match(/^line \d+ /);
    expect(matchLines(svc.hostLog, /exited pid=\d+ code=0/)).to.have.length(1);
  });
});
