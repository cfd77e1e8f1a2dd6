import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTime } from '../../../src/release/build.js';
import { SvcforgeError } from '../../../src/errors.js';

describe('buildTime', () => {
  let notARepo: string;
  before(() => {
    notARepo = mkdtempSync(join(tmpdir(), 'svcforge-buildtime-'));
  });
  after(() => rmSync(notARepo, { recursive: true, force: true }));

  it('uses SOURCE_DATE_EPOCH', () => {
    expect(buildTime({ SOURCE_DATE_EPOCH: '1796461200' }, notARepo).toISOString()).to.equal('2026-12-05T09:00:00.000Z');
  });

  it('falls back to 1980-01-01 outside a git repository', () => {
    expect(buildTime({}, notARepo).toISOString()).to.equal('1980-01-01T00:00:00.000Z');
  });

  it('rejects a SOURCE_DATE_EPOCH that is not whole seconds or that a zip cannot store', () => {
    for (const value of ['abc', '1.5', '-1', '100']) {
      expect(() => buildTime({ SOURCE_DATE_EPOCH: value }, notARepo), value)
        .to.throw(SvcforgeError)
        .with.property('exitCode', 2);
    }
  });
});
