import { expect } from 'chai';
import { windowsPathProblems } from '../../../src/release/windows-names.js';

const root = 'C:\\Program Files\\svcforge\\gin-hello\\releases\\1.2.0';

describe('windowsPathProblems', () => {
  it('accepts ordinary nested paths', () => {
    expect(windowsPathProblems(['gin-hello.exe', 'templates/index.tmpl', 'static/css/site.css', 'config/app.yaml'], root)).to.deep.equal([]);
  });

  const cases: Array<[string, RegExp]> = [
    ['config/CON', /reserved device name/],
    ['aux.txt', /reserved device name/],
    ['static/Com1.css', /reserved device name/],
    ['lpt3', /reserved device name/],
    ['data.txt:stream', /alternate data stream/],
    ['notes.', /ends in a dot or space/],
    ['dir./file.txt', /ends in a dot or space/],
    ['trailing ', /ends in a dot or space/],
    ['a<b.txt', /Windows forbids/],
    ['a>b.txt', /Windows forbids/],
    ['a"b.txt', /Windows forbids/],
    ['a|b.txt', /Windows forbids/],
    ['a?b.txt', /Windows forbids/],
    ['a*b.txt', /Windows forbids/],
    ['a\\b.txt', /Windows forbids/],
    ['tab\there.txt', /Windows forbids/],
  ];
  for (const [path, expected] of cases) {
    it(`names ${JSON.stringify(path)}`, () => {
      const problems = windowsPathProblems([path], root);
      expect(problems).to.have.length.greaterThan(0);
      expect(problems[0]).to.match(expected);
      expect(problems[0].startsWith(`${path}:`)).to.equal(true);
    });
  }

  it('names both files of a case-only collision', () => {
    const problems = windowsPathProblems(['static/Logo.png', 'static/logo.png'], root);
    expect(problems).to.deep.equal(['static/logo.png: differs from static/Logo.png only in case; Windows sees one file']);
  });

  it('counts the release root into the 260-character limit', () => {
    const limit = 260 - root.length - 1;
    expect(windowsPathProblems(['a'.repeat(limit)], root)).to.deep.equal([]);
    const problems = windowsPathProblems(['a'.repeat(limit + 1)], root);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/261 characters under .* over the Windows limit of 260/);
  });
});
