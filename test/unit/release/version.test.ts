import { expect } from 'chai';
import { releaseVersionProblem } from '../../../src/release/version.js';

describe('releaseVersionProblem', () => {
  it('accepts versions that are safe folder names, git describe output included', () => {
    for (const version of ['1.2.0', 'v1.2.0-3-gabc1234-dirty', 'abc1234', '2026_12_05', 'A', 'x'.repeat(64), 'NUL1', 'COM10']) {
      expect(releaseVersionProblem(version), version).to.equal(undefined);
    }
  });

  it('names the character rule for empty, too long, leading punctuation and unsafe characters', () => {
    for (const version of ['', 'x'.repeat(65), '.1', '-1', '_1', '1/2', '1\\2', '1 2', '1:2', '..', 'v1.2*', 'é1']) {
      expect(releaseVersionProblem(version), version).to.match(/1-64 characters of letters, digits/);
    }
  });

  it('rejects a trailing dot', () => {
    expect(releaseVersionProblem('1.2.')).to.match(/must not end in "\."/);
  });

  it('rejects Windows reserved device names in any case, also with an extension', () => {
    for (const version of ['CON', 'nul', 'Aux', 'PRN', 'COM1', 'lpt9', 'con.1', 'NUL.txt']) {
      expect(releaseVersionProblem(version), version).to.match(/reserved device name/);
    }
  });
});
