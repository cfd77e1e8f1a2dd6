/** Which PowerShell the session runs: flag, env, project-local, PATH, and a clear exit 3 when there is none. */
import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, SvcforgeError } from '../../../src/errors.js';
import { findShell } from '../../../src/exec/shell.js';

function fakeExecutable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

function thrown(fn: () => unknown): SvcforgeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SvcforgeError) return error;
    throw error;
  }
  throw new Error('expected findShell to throw');
}

describe('findShell', () => {
  let work: string;
  let empty: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'svcforge-shell-'));
    empty = join(work, 'no-root');
    mkdirSync(empty);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('prefers --shell over SVCFORGE_SHELL, the project copy and PATH', () => {
    const flag = fakeExecutable(join(work, 'custom', 'pwsh'));
    const env = fakeExecutable(join(work, 'env', 'pwsh'));
    const root = work;
    fakeExecutable(join(root, '.tools', 'pwsh', 'pwsh'));
    expect(findShell({ shell: flag, env: { SVCFORGE_SHELL: env, PATH: '' }, root, platform: 'linux' })).to.deep.equal({
      path: flag,
      source: 'flag',
      kind: 'pwsh',
    });
    expect(findShell({ env: { SVCFORGE_SHELL: env, PATH: '' }, root, platform: 'linux' })).to.deep.equal({ path: env, source: 'env', kind: 'pwsh' });
  });

  it('uses the project-local .tools/pwsh/pwsh before pwsh on PATH', () => {
    const local = fakeExecutable(join(work, '.tools', 'pwsh', 'pwsh'));
    const bin = join(work, 'bin');
    fakeExecutable(join(bin, 'pwsh'));
    expect(findShell({ env: { PATH: bin }, root: work, platform: 'linux' })).to.deep.equal({ path: local, source: 'project', kind: 'pwsh' });
  });

  it('finds pwsh on PATH, skipping files that are not executable', () => {
    const first = join(work, 'first');
    mkdirSync(first);
    writeFileSync(join(first, 'pwsh'), 'not executable');
    const second = join(work, 'second');
    const onPath = fakeExecutable(join(second, 'pwsh'));
    expect(findShell({ env: { PATH: [first, second].join(':') }, root: empty, platform: 'linux' })).to.deep.equal({
      path: onPath,
      source: 'path',
      kind: 'pwsh',
    });
  });

  it('looks a bare --shell name up on PATH and tells Windows PowerShell apart by its name', () => {
    const bin = join(work, 'bin');
    const exe = fakeExecutable(join(bin, 'powershell'));
    expect(findShell({ shell: 'powershell', env: { PATH: bin }, root: empty, platform: 'linux' })).to.deep.equal({
      path: exe,
      source: 'flag',
      kind: 'powershell',
    });
  });

  it('rejects an explicit shell that does not exist instead of silently using another one', () => {
    fakeExecutable(join(work, '.tools', 'pwsh', 'pwsh'));
    const error = thrown(() => findShell({ shell: '/nowhere/pwsh', env: { PATH: '' }, root: work, platform: 'linux' }));
    expect(error.code).to.equal('SHELL_NOT_FOUND');
    expect(error.exitCode).to.equal(ExitCode.environment);
    expect(error.message).to.equal('--shell /nowhere/pwsh: no such executable');
    const fromEnv = thrown(() => findShell({ env: { SVCFORGE_SHELL: '/nowhere/pwsh', PATH: '' }, root: work, platform: 'linux' }));
    expect(fromEnv.message).to.equal('SVCFORGE_SHELL /nowhere/pwsh: no such executable');
  });

  it('exits 3 naming what it tried and how to install PowerShell when there is none', () => {
    const error = thrown(() => findShell({ env: { PATH: join(work, 'nothing-here') }, root: empty, platform: 'linux' }));
    expect(error.code).to.equal('SHELL_NOT_FOUND');
    expect(error.exitCode).to.equal(ExitCode.environment);
    expect(error.message).to.equal(`no PowerShell found (tried ${join(empty, '.tools', 'pwsh', 'pwsh')}, pwsh on PATH)`);
    expect(error.suggestions.join('\n')).to.include('bash scripts/setup.sh').and.include('learn.microsoft.com/powershell/scripting/install');
  });
});
