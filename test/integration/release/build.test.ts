/**
 * `svcforge build` as a user runs it: the real go toolchain builds examples/gin-hello
 * (GOPATH mode with Debian's Gin, as examples/gin-hello/build.sh does), the zip is read back
 * with yauzl and checked against the release contract. Needs go + golang-github-gin-gonic-gin-dev
 * (scripts/setup.sh installs both).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRelease } from '../../../src/release/read.js';
import { repoRoot } from '../../support/render-case.js';

const bin = join(repoRoot, 'bin', 'run.js');
const exampleMain = join(repoRoot, 'examples', 'gin-hello', 'main.go');
// One cache for every build in this file: the first cross-build of Gin takes minutes, the rest seconds.
const goCache = join(tmpdir(), 'svcforge-build-test-gocache');
const epoch = '1796461200'; // 2026-12-05T09:00:00Z

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function svcforge(args: string[], env: Record<string, string | undefined> = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DEBUG: '', GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: goCache, SOURCE_DATE_EPOCH: epoch, ...env },
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('svcforge build', function () {
  this.timeout(900_000);
  let work: string;

  before(() => {
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'build.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'svcforge-build-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** A copy of examples/gin-hello with a release: spec of its own and some assets. */
  function ginProject(spec = 'name: gin-hello\nprogram: gin-hello.exe\nrelease: { assets: ["templates/**", "config/*.yaml"] }\n'): string {
    const dir = join(work, 'gin-hello');
    mkdirSync(join(dir, 'templates', 'partials'), { recursive: true });
    mkdirSync(join(dir, 'config'), { recursive: true });
    copyFileSync(exampleMain, join(dir, 'main.go'));
    writeFileSync(join(dir, 'templates', 'index.tmpl'), '<h1>{{.}}</h1>\n');
    writeFileSync(join(dir, 'templates', 'partials', 'nav.tmpl'), '<nav></nav>\n');
    writeFileSync(join(dir, 'config', 'app.yaml'), 'greeting: hello\n');
    writeFileSync(join(dir, 'config', 'ignored.txt'), 'not named by a glob\n');
    writeFileSync(join(dir, 'svcforge.yaml'), spec);
    return dir;
  }

  /** A project whose program is an existing exe (no Go), for the checks that need no compiler. */
  function exeProject(assets: string[], files: Record<string, string> = {}): { dir: string; exe: string } {
    const dir = join(work, 'app');
    mkdirSync(dir, { recursive: true });
    const exe = join(work, 'prebuilt.exe');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000, 7)]));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    writeFileSync(join(dir, 'svcforge.yaml'), `name: app\nprogram: bin\\app.exe\nrelease: { assets: ${JSON.stringify(assets)} }\n`);
    return { dir, exe };
  }

  it('cross-builds gin-hello with go and packs release.json, the exe and the assets per the contract', async () => {
    const dir = ginProject();
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0', '--json']);
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(run.stdout).result as { zip: string; version: string; commit: null; builtAt: string; files: unknown[] };
    expect(result.zip).to.equal(join(dir, 'dist', 'gin-hello-1.2.0.zip'));
    expect(result.version).to.equal('1.2.0');
    expect(result.commit).to.equal(null);
    expect(result.builtAt).to.equal('2026-12-05T09:00:00Z');

    const release = await readRelease(result.zip);
    expect(release.entries.map((e) => e.path)).to.deep.equal([
      'release.json',
      'config/app.yaml',
      'gin-hello.exe',
      'templates/index.tmpl',
      'templates/partials/nav.tmpl',
    ]);
    const manifestBytes = release.entries[0].data;
    expect(manifestBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).to.equal(false);
    expect(manifestBytes.toString('utf8')).to.equal(`${JSON.stringify(release.manifest, null, 2)}\n`);
    const manifest = release.manifest!;
    expect(manifest).to.include({
      schemaVersion: 1,
      name: 'gin-hello',
      version: '1.2.0',
      commit: null,
      builtAt: '2026-12-05T09:00:00Z',
      program: 'gin-hello.exe',
    });
    expect(manifest.files.map((f) => f.path)).to.deep.equal(release.entries.slice(1).map((e) => e.path));
    for (const file of manifest.files) {
      const entry = release.entries.find((e) => e.path === file.path)!;
      expect(file.size, file.path).to.equal(entry.data.length);
      expect(file.sha256, file.path)
        .to.equal(sha256(entry.data))
        .and.match(/^[0-9a-f]{64}$/);
    }
    expect(result.files).to.deep.equal(manifest.files);
    const exe = release.entries.find((e) => e.path === 'gin-hello.exe')!.data;
    expect(exe.subarray(0, 2).toString('latin1')).to.equal('MZ');
    // PE32+ for amd64: the machine field after the "PE\0\0" signature is 0x8664.
    const pe = exe.readUInt32LE(0x3c);
    expect(exe.subarray(pe, pe + 4).toString('latin1')).to.equal('PE\0\0');
    expect(exe.readUInt16LE(pe + 4)).to.equal(0x8664);
    // The VERSIONINFO resource windres compiled: its strings are UTF-16LE in the PE's resources.
    const utf16 = (text: string) => Buffer.from(text, 'utf16le');
    expect(exe.includes(Buffer.concat([utf16('ProductVersion'), Buffer.alloc(2), utf16('1.2.0')]))).to.equal(true);
    expect(exe.includes(utf16('OriginalFilename'))).to.equal(true);
    expect(readdirSync(dir).sort()).to.deep.equal(['config', 'dist', 'main.go', 'svcforge.yaml', 'templates']);
    expect(readFileSync(join(dir, 'templates', 'index.tmpl')).equals(release.entries[3].data)).to.equal(true);
    expect(readdirSync(join(dir, 'dist'))).to.deep.equal(['gin-hello-1.2.0.zip']);
  });

  it('gives the same bytes for the same inputs and SOURCE_DATE_EPOCH, in any time zone', () => {
    const dir = ginProject();
    const out1 = join(work, 'one');
    const out2 = join(work, 'two');
    const first = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0', '--out', out1], { TZ: 'UTC' });
    expect(first.status, first.stderr).to.equal(0);
    const second = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0', '--out', out2], { TZ: 'America/New_York' });
    expect(second.status, second.stderr).to.equal(0);
    const a = readFileSync(join(out1, 'gin-hello-1.2.0.zip'));
    const b = readFileSync(join(out2, 'gin-hello-1.2.0.zip'));
    expect(a.length).to.be.greaterThan(1_000_000);
    expect(sha256(a)).to.equal(sha256(b));

    const later = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0', '--out', join(work, 'three')], { SOURCE_DATE_EPOCH: '1796464800' });
    expect(later.status, later.stderr).to.equal(0);
    expect(sha256(readFileSync(join(work, 'three', 'gin-hello-1.2.0.zip')))).to.not.equal(sha256(a));
  });

  it('builds a Go module in --go DIR in module mode and stamps main.version', async () => {
    const { dir } = exeProject([]);
    const src = join(work, 'src', 'cmd');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'go.mod'), 'module example.com/app\n\ngo 1.18\n');
    writeFileSync(join(src, 'main.go'), 'package main\n\nimport "fmt"\n\nvar version = "dev"\n\nfunc main() { fmt.Println("app-version:" + version) }\n');
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--go', src, '--version', '9.9.9-mod'], {
      GO111MODULE: 'on',
      GOPATH: join(work, 'gopath'),
      GOFLAGS: '-mod=mod',
    });
    expect(run.status, run.stderr).to.equal(0);
    const release = await readRelease(join(dir, 'dist', 'app-9.9.9-mod.zip'));
    const exe = release.entries.find((e) => e.path === 'bin/app.exe')!.data;
    expect(exe.subarray(0, 2).toString('latin1')).to.equal('MZ');
    expect(exe.includes(Buffer.from('9.9.9-mod'))).to.equal(true);
  });

  it('builds without the version resource, warning, when windres is not installed', async () => {
    const dir = ginProject();
    const onlyGo = join(work, 'only-go');
    mkdirSync(onlyGo);
    symlinkSync(realpathSync(spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim()), join(onlyGo, 'go'));
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0'], { PATH: onlyGo });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stderr).to.match(/warning: x86_64-w64-mingw32-windres is not installed, so the exe's file properties do not show the version/);
    const release = await readRelease(join(dir, 'dist', 'gin-hello-1.2.0.zip'));
    const exe = release.entries.find((e) => e.path === 'gin-hello.exe')!.data;
    expect(exe.subarray(0, 2).toString('latin1')).to.equal('MZ');
    expect(exe.includes(Buffer.from('ProductVersion', 'utf16le'))).to.equal(false);
  });

  it('exits 1 with go output when go build fails, writing no zip', () => {
    const dir = ginProject();
    writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() { undefinedThing() }\n');
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0']);
    expect(run.status).to.equal(1);
    expect(run.stderr)
      .to.match(/go build in .* failed/)
      .and.match(/undefined: undefinedThing/);
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('exits 3 saying how to get go when go is not on PATH', () => {
    const dir = ginProject();
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--version', '1.2.0'], { PATH: join(work, 'empty-path') });
    expect(run.status).to.equal(3);
    expect(run.stderr)
      .to.match(/go was not found on PATH/)
      .and.match(/apt-get install golang-go/);
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('collects an existing exe with --program at the spec program path, version and commit from git', async () => {
    const { dir, exe } = exeProject(['static/**'], { 'static/site.css': 'body{}\n' });
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_DATE: '@1796400000 +0000', GIT_COMMITTER_DATE: '@1796400000 +0000' },
      });
      expect(r.status, r.stderr).to.equal(0);
      return r.stdout.trim();
    };
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'first');
    git('tag', 'v3.1.0');
    const head = git('rev-parse', 'HEAD');
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--program', exe, '--out', join(work, 'out')], { SOURCE_DATE_EPOCH: undefined });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^built .*app-v3\.1\.0\.zip \(version v3\.1\.0, commit [0-9a-f]{40}, built at 2026-12-04T16:00:00Z\)$/m);
    expect(run.stdout).to.match(/^ {2}bin\/app\.exe {2}1002 bytes {2}sha256:[0-9a-f]{64}$/m);
    const release = await readRelease(join(work, 'out', 'app-v3.1.0.zip'));
    expect(release.manifest).to.include({ version: 'v3.1.0', commit: head, program: 'bin/app.exe', builtAt: '2026-12-04T16:00:00Z' });
    expect(release.entries.map((e) => e.path)).to.deep.equal(['release.json', 'bin/app.exe', 'static/site.css']);
    expect(release.entries[1].data.equals(readFileSync(exe))).to.equal(true);
  });

  const badNames: Array<[string, string, RegExp]> = [
    ['a reserved device name', 'static/CON', /static\/CON: "CON" is a Windows reserved device name/],
    ['a reserved device name with an extension', 'static/aux.css', /static\/aux\.css: "aux\.css" is a Windows reserved device name/],
    ['an alternate data stream', 'static/site.css:zone', /static\/site\.css:zone: .*alternate data stream/],
    ['a trailing dot', 'static/site.', /static\/site\.: .*ends in a dot or space/],
    ['a trailing space', 'static/site ', /static\/site : .*ends in a dot or space/],
    ['a character Windows forbids', 'static/a?b.css', /static\/a\?b\.css: .*Windows forbids/],
    ['a path over 260 characters', `static/${'d'.repeat(100)}/${'f'.repeat(120)}.css`, /over the Windows limit of 260/],
  ];
  for (const [what, path, expected] of badNames) {
    it(`exits 2 naming the file for ${what}, writing no zip`, () => {
      const { dir, exe } = exeProject(['static/**'], { [path]: 'x', 'static/ok.css': 'ok' });
      const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--program', exe, '--version', '1.0.0']);
      expect(run.status, run.stderr).to.equal(2);
      expect(run.stderr)
        .to.match(expected)
        .and.match(/no zip was written/);
      expect(existsSync(join(dir, 'dist'))).to.equal(false);
    });
  }

  it('exits 2 naming both files of a case-only collision, writing no zip', () => {
    const { dir, exe } = exeProject(['static/**'], { 'static/Logo.png': 'a', 'static/logo.png': 'b' });
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--program', exe, '--version', '1.0.0']);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.include('static/logo.png: differs from static/Logo.png only in case');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  for (const version of ['1.2.', 'CON', '../1', 'has space']) {
    it(`exits 2 naming the rule for version ${JSON.stringify(version)}, writing no zip`, () => {
      const { dir, exe } = exeProject([]);
      const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--program', exe, '--version', version]);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.match(/must not end in "\."|reserved device name|1-64 characters of letters, digits/);
      expect(existsSync(join(dir, 'dist'))).to.equal(false);
    });
  }

  it('exits 2 for a spec without release:, saying to add it', () => {
    const dir = join(work, 'plain');
    mkdirSync(dir);
    writeFileSync(join(dir, 'svcforge.yaml'), 'name: plain\nprogram: C:\\apps\\plain.exe\n');
    writeFileSync(join(work, 'plain.exe'), 'MZ');
    const run = svcforge(['build', join(dir, 'svcforge.yaml'), '--program', join(work, 'plain.exe'), '--version', '1.0.0', '--json']);
    expect(run.status).to.equal(2);
    const error = JSON.parse(run.stdout).error as { message: string; suggestions: string[] };
    expect(error.message).to.match(/has no release: block/);
    expect(error.suggestions.join(' ')).to.match(/add `release: \{ assets: \[\] \}`/);
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });
});
