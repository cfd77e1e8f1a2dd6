import { expect } from 'chai';
import { parseDuration, parsePortRange, parseSize, rangesOverlap } from '../../../src/spec-file/units.js';

describe('units', () => {
  it('parses durations with one number and one unit into milliseconds', () => {
    expect(parseDuration('500ms')).to.deep.equal({ ok: true, value: 500 });
    expect(parseDuration('15s')).to.deep.equal({ ok: true, value: 15_000 });
    expect(parseDuration('1m')).to.deep.equal({ ok: true, value: 60_000 });
    expect(parseDuration('2h')).to.deep.equal({ ok: true, value: 7_200_000 });
    expect(parseDuration('1d')).to.deep.equal({ ok: true, value: 86_400_000 });
  });

  for (const bad of ['15', '1.5s', ' 1s', '1s ', '1S', '-1s', '1m30s', '', 's', '1 s']) {
    it(`rejects the duration ${JSON.stringify(bad)} with what is accepted`, () => {
      const parsed = parseDuration(bad);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(parsed.message).to.match(/must be a duration like 500ms, 15s/);
    });
  }

  it('parses sizes in binary multiples', () => {
    expect(parseSize('10MB')).to.deep.equal({ ok: true, value: 10 * 1024 * 1024 });
    expect(parseSize('4096B')).to.deep.equal({ ok: true, value: 4096 });
    expect(parseSize('1GB')).to.deep.equal({ ok: true, value: 1024 ** 3 });
    expect(parseSize('10mb').ok).to.equal(false);
    expect(parseSize('10 MB').ok).to.equal(false);
    expect(parseSize('1.5MB').ok).to.equal(false);
  });

  it('parses port ranges and rejects reversed or out-of-range ones', () => {
    expect(parsePortRange('8081-8090')).to.deep.equal({ ok: true, value: { low: 8081, high: 8090 } });
    expect(parsePortRange('8090-8081')).to.deep.include({ ok: false });
    expect(parsePortRange('0-10')).to.deep.include({ ok: false });
    expect(parsePortRange('65535-65536')).to.deep.include({ ok: false });
    expect(parsePortRange('80-')).to.deep.include({ ok: false });
  });

  it('detects overlapping ranges, including touching ends', () => {
    expect(rangesOverlap({ low: 1, high: 5 }, { low: 5, high: 9 })).to.equal(true);
    expect(rangesOverlap({ low: 1, high: 4 }, { low: 5, high: 9 })).to.equal(false);
  });
});
