import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkNumberedLines, lineShape, logFiles } from '../support/lines.js';

// The supervisor tests and bench trust this checker to find damage; prove it finds each kind.
describe('numbered-line checker (test support for rotation tests)', () => {
  let dir: string;
  const line = (n: number): string => `line ${String(n).padStart(8, '0')} abcdefghij\r\n`;
  const write = (name: string, text: string): string => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'linecheck-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts whole lines split across files at line boundaries', () => {
    const a = write('a', line(1) + line(2));
    const b = write('b', line(3));
    const c = checkNumberedLines([a, b], 3);
    expect(c).to.include({ lines: 3, lost: 0, duplicated: 0, reordered: 0, malformed: 0 });
  });

  it('counts a line torn across two files as malformed, not as a line', () => {
    const whole = line(2);
    const a = write('a', line(1) + whole.slice(0, 9));
    const b = write('b', whole.slice(9) + line(3));
    const c = checkNumberedLines([a, b], 3);
    expect(c.malformed).to.equal(2);
    expect(c.lost).to.equal(1);
  });

  it('counts lost, duplicated and reordered lines', () => {
    const a = write('a', line(1) + line(3) + line(2) + line(3));
    const c = checkNumberedLines([a], 4);
    expect(c).to.include({ lost: 1, duplicated: 1, reordered: 1, malformed: 0 });
  });

  it('strips a supervisor prefix before comparing', () => {
    const a = write('a', `2026-11-25T14:00:00.000 ${line(1)}2026-11-25T14:00:00.001 ${line(2)}`);
    expect(checkNumberedLines([a], 2, { strip: /^\S+ / })).to.include({ lost: 0, malformed: 0 });
    expect(checkNumberedLines([a], 2).malformed).to.equal(2);
  });

  it('derives an exact line shape from a sample', () => {
    const re = lineShape('n=00001 (x)');
    expect(re.test('n=12345 (x)')).to.equal(true);
    expect(re.test('n=12345 (x')).to.equal(false);
  });

  it('orders rotated files by their timestamped names, the live file last', () => {
    write('svc.out.log', '');
    write('svc.out.20261125T142400.123_0010.log', '');
    write('svc.out.20261125T142400.123_0002.log', '');
    write('svc.out.20261125T142400.123.log', '');
    write('svc.out.20261125T142359.999.log', '');
    write('other.log', '');
    expect(logFiles(dir, 'svc.out.log').map((f) => path.basename(f))).to.deep.equal([
      'svc.out.20261125T142359.999.log',
      'svc.out.20261125T142400.123.log',
      'svc.out.20261125T142400.123_0002.log',
      'svc.out.20261125T142400.123_0010.log',
      'svc.out.log',
    ]);
  });
});
