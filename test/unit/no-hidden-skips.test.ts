/**
 * A test may skip only through test/support/skip.ts, which fails it under CI=true instead.
 * Any other way to skip (this.skip(), it.skip, xit, Pester's -Skip or Set-ItResult)
 * would end a CI run green without having run the test.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');
// skip.ts is the one place that skips; this file names the patterns it looks for
const allowed = new Set([join('test', 'support', 'skip.ts'), join('test', 'unit', 'no-hidden-skips.test.ts')]);
const mochaSkip = /\b(?:this|ctx|context)\.skip\(|\b(?:it|describe|context|specify)\.skip\(|\bx(?:it|describe|context|specify)\(/;
const pesterSkip = /^\s*(?:It|Describe|Context)\b.*\s-Skip\b|\bSet-ItResult\b/i;

function* files(dir: string, suffix: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path, suffix);
    else if (entry.name.endsWith(suffix)) yield path;
  }
}

/** `file:line: text` for every line of the files that matches. */
function offending(paths: Iterable<string>, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const name = relative(repoRoot, path);
    if (allowed.has(name)) continue;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (pattern.test(line)) found.push(`${name}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('tests skip only through test/support/skip.ts', () => {
  it('no mocha test or hook calls skip() itself, or uses it.skip, describe.skip, xit or xdescribe', () => {
    const mocha = [...files(join(repoRoot, 'test'), '.ts')];
    expect(mocha.length, 'TypeScript test files found').to.be.greaterThan(20);
    const found = offending(mocha, mochaSkip);
    expect(found, 'use requirePwsh/requireWine/skipForMissing from test/support/skip.ts').to.deep.equal([]);
  });

  it('no Pester test skips with -Skip or Set-ItResult', () => {
    const pester = ['ps-scripts', 'test', 'supervisor'].flatMap((dir) => [...files(join(repoRoot, dir), '.Tests.ps1')]);
    expect(pester.length, 'Pester test files found').to.be.greaterThan(5);
    const found = offending(pester, pesterSkip);
    expect(found, 'a Pester test that cannot run must fail, saying what is missing').to.deep.equal([]);
  });

  it('finds a hand-written skip when there is one (the check can fail)', () => {
    const mocha = (text: string) => mochaSkip.test(text);
    expect(['    this.skip();', "  it.skip('x', () => {});", "xit('x')"].map(mocha)).to.deep.equal([true, true, true]);
    expect(['    requirePwsh(this);', "it('skips nothing')"].map(mocha)).to.deep.equal([false, false]);
    const pester = (text: string) => pesterSkip.test(text);
    expect(["    It 'works' -Skip {", '        Set-ItResult -Skipped -Because x'].map(pester)).to.deep.equal([true, true]);
    expect(["    It 'skips the first line' {", 'Get-Content x | Select-Object -Skip 1'].map(pester)).to.deep.equal([false, false]);
  });
});
