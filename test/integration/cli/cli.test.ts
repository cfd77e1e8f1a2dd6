/** The built CLI as a user runs it: exit codes, --json documents, files written or not. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/render-case.js';

const bin = join(repoRoot, 'bin', 'run.js');
const fakeHost = join(repoRoot, 'test', 'golden', 'fake-svcforge-host.exe');
const example = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');

function svcforge(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DEBUG: '' }, input: '' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(stdout: string): { status: number; result?: Record<string, unknown>; error?: Record<string, unknown> } {
  return JSON.parse(stdout) as never;
}

describe('svcforge CLI', function () {
  this.timeout(60_000);
  let work: string;
  before(() => {
    if (!existsSync(join(repoRoot, 'dist', 'commands'))) throw new Error('the CLI is not built: run `npm run build` first');
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'svcforge-cli-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('validates the example and exits 0', () => {
    const run = svcforge(['validate', example], work);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/is valid: service gin-hello, host svcforge, 1 instance/);
  });

  it('prints exactly one JSON document with status, code, path, line and column for an invalid spec', () => {
    writeFileSync(join(work, 'svcforge.yaml'), 'name: web\nprogram: C:\\web.exe\nstop: { timeout: soon }\n');
    const run = svcforge(['validate', '--json'], work);
    expect(run.status).to.equal(2);
    const document = json(run.stdout);
    expect(document.status).to.equal(2);
    expect(document.error).to.include({ code: 'SPEC_INVALID', path: 'stop.timeout', line: 3, column: 18, exitCode: 2 });
    expect(run.stderr).to.not.match(/at .*\.js:\d+/);
  });

  it('lists every problem on stderr without a stack trace and exits 2', () => {
    writeFileSync(join(work, 'svcforge.yaml'), 'name: "bad name"\nprogram: C:\\web.exe\nfirewal: []\nstop: { timeout: soon }\n');
    const run = svcforge(['validate'], work);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/svcforge\.yaml:1:7 name: must be/);
    expect(run.stderr).to.match(/svcforge\.yaml:4:18 stop\.timeout: must be a duration/);
    expect(run.stderr).to.match(/svcforge\.yaml:3:1 firewal: unknown field; did you mean firewall\?/);
    expect(run.stderr).to.not.match(/\n\s+at /);
  });

  it('says a relative program needs release: and exits 2', () => {
    writeFileSync(join(work, 'svcforge.yaml'), 'name: web\nprogram: relative.exe\n');
    const run = svcforge(['validate'], work);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/svcforge\.yaml:2:10 program: must be an absolute Windows path like C:\\apps\\app\.exe \(or add release:/);
  });

  it('renders the bundle with a manifest whose hashes match the files', () => {
    const run = svcforge(['render', example, '--out', 'bundle', '--host-exe', fakeHost, '--json'], work);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(json(run.stdout).status).to.equal(0);
    const manifest = JSON.parse(readFileSync(join(work, 'bundle', 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string }[] };
    const names = manifest.files.map((file) => file.name);
    expect(names).to.include.members(['install.ps1', 'uninstall.ps1', 'status.ps1', 'firewall.ps1', 'svcforge-host.conf', 'svcforge-host.exe', 'README.md']);
    for (const file of manifest.files) {
      const digest = spawnSync('sha256sum', [join(work, 'bundle', file.name)], { encoding: 'utf8' }).stdout.split(' ')[0];
      expect(digest, file.name).to.equal(file.sha256);
    }
  });

  it('writes nothing when the spec is invalid', () => {
    writeFileSync(join(work, 'svcforge.yaml'), 'name: web\n');
    const run = svcforge(['render', '--out', 'bundle', '--host-exe', fakeHost], work);
    expect(run.status).to.equal(2);
    expect(readdirSync(work)).to.deep.equal(['svcforge.yaml']);
  });

  it('refuses a non-empty folder it did not write, unless --force, and leaves it untouched', () => {
    mkdirSync(join(work, 'bundle'));
    writeFileSync(join(work, 'bundle', 'notes.txt'), 'mine');
    const refused = svcforge(['render', example, '--out', 'bundle', '--host-exe', fakeHost], work);
    expect(refused.status).to.equal(2);
    expect(refused.stderr).to.match(/not empty and was not written by svcforge render/);
    expect(readdirSync(join(work, 'bundle'))).to.deep.equal(['notes.txt']);
    const forced = svcforge(['render', example, '--out', 'bundle', '--host-exe', fakeHost, '--force'], work);
    expect(forced.status, forced.stderr).to.equal(0);
    expect(existsSync(join(work, 'bundle', 'notes.txt'))).to.equal(false);
  });

  it('re-renders over its own bundle and keeps the previous one when the new spec is invalid', () => {
    expect(svcforge(['render', example, '--out', 'bundle', '--host-exe', fakeHost], work).status).to.equal(0);
    const before = readFileSync(join(work, 'bundle', 'install.ps1'));
    expect(svcforge(['render', example, '--out', 'bundle', '--host-exe', fakeHost], work).status).to.equal(0);
    writeFileSync(join(work, 'broken.yaml'), 'name: gin-hello\nprogram: nope\n');
    expect(svcforge(['render', 'broken.yaml', '--out', 'bundle', '--host-exe', fakeHost], work).status).to.equal(2);
    expect(readFileSync(join(work, 'bundle', 'install.ps1')).equals(before)).to.equal(true);
    expect(readdirSync(work).filter((name) => name.includes('svcforge-'))).to.deep.equal([]);
  });

  it('exits 3 with how to build when svcforge-host.exe is missing', () => {
    const run = svcforge(['render', example, '--out', 'bundle', '--host-exe', join(work, 'missing.exe')], work);
    expect(run.status).to.equal(3);
    expect(run.stderr).to.match(/svcforge-host.exe is not built/);
    expect(run.stderr).to.match(/npm run build/);
  });

  it('prints the same JSON Schema that is committed in schema/', () => {
    const run = svcforge(['schema'], work);
    expect(run.status).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal(JSON.parse(readFileSync(join(repoRoot, 'schema', 'svcforge.schema.json'), 'utf8')));
  });

  it('init writes a spec that validates, and refuses to overwrite it without --force', () => {
    const args = ['init', '--name', 'gin-hello', '--program', 'C:\\apps\\gin-hello\\current\\gin-hello.exe', '--port', '8080'];
    expect(svcforge(args, work).status).to.equal(0);
    expect(svcforge(['validate'], work).status).to.equal(0);
    const again = svcforge(args, work);
    expect(again.status).to.equal(2);
    expect(again.stderr).to.match(/already exists/);
    expect(svcforge([...args, '--force'], work).status).to.equal(0);
  });

  it('init without a terminal names the missing flags instead of prompting', () => {
    const run = svcforge(['init', '--json'], work);
    expect(run.status).to.equal(2);
    expect(json(run.stdout).error!.message).to.match(/--name and --program required/);
    expect(existsSync(join(work, 'svcforge.yaml'))).to.equal(false);
  });

  it('reports an unknown flag as a usage error with exit 2', () => {
    const run = svcforge(['validate', '--frobnicate'], work);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/Nonexistent flag: --frobnicate/);
  });
});
