/**
 * End to end (issue 5, secrets): the BUILT CLI applies a spec with `secrets` under Wine's
 * SCM through pwsh and the wine-mode shim. The value comes from the CLI's environment,
 * svcforge-host.exe protect (run through SVCFORGE_EXE_LAUNCHER=wine) encrypts it, the
 * secrets file holds the blob, and the supervisor decrypts it into the program's
 * environment: the probe program logs a hash of what it got. The clear value must be in
 * no file of the prefix's drive_c, the shim state or the logs, and on no process command
 * line, while the service runs.
 *
 * Needs wine + mingw-w64 and pwsh (scripts/setup.sh); skips, saying why, when missing.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { secretProbeExe } from '../../support/native-tools.js';
import { pwshPath } from '../../support/pwsh.js';
import { ensurePrefix, linuxPath, prefixProcesses, queryState, readText, removeServiceFromPrefix, repoRoot, waitFor, winePrefix } from '../../support/wine.js';
import { requirePwsh, requireWine } from '../../support/skip.js';
import { protectShimFolder } from '../../support/shim-acl.js';
import { winDirname } from '../../../src/model/windows-path.js';

const bin = join(repoRoot, 'bin', 'run.js');
const shimModule = join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1');
const name = 'secret-probe';
const programWin = 'C:\\apps\\secret-probe\\secret-probe.exe';
const secretsFileWin = 'C:\\ProgramData\\svcforge\\secret-probe\\secrets.dat';
const outLogWin = 'C:\\ProgramData\\svcforge\\secret-probe\\logs\\secret-probe.out.log';
const processNames = ['secret-probe.exe', 'svcforge-host.exe'];

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
}

function fnv1a64(bytes: Buffer): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/** Every regular file under `root` (symlinks not followed). */
function* walk(root: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(root, entry);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) yield* walk(path);
    else if (stat.isFile()) yield path;
  }
}

describe('end to end: a secret reaches the program under Wine and is stored nowhere in clear', function () {
  this.timeout(900_000);
  let env: NodeJS.ProcessEnv;
  let work: string;
  let spec: string;
  const secret = `svcforge-e2e-${randomBytes(12).toString('hex')}-ключ`;
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];

  const cli = (args: string[]) => {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env, input: '', timeout: 300_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const records = (run: { stdout: string; stderr: string; status: number | null }): StepRecord[] => {
    try {
      return (JSON.parse(run.stdout) as { result?: { records?: StepRecord[] } }).result?.records ?? [];
    } catch {
      throw new Error(`expected JSON from the CLI (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  };
  const removeService = (): Promise<void> => removeServiceFromPrefix(name, ['secret-probe.exe']);

  before(async function () {
    requireWine(this);
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'apply.js')) || !existsSync(join(repoRoot, 'supervisor', 'dist', 'svcforge-host.exe'))) {
      execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    }
    await ensurePrefix();
    await removeService();
    const program = linuxPath(programWin);
    mkdirSync(dirname(program), { recursive: true });
    copyFileSync(secretProbeExe(), program);
    work = mkdtempSync(join(tmpdir(), 'svcforge-secrets-e2e-'));
    spec = join(work, 'svcforge.yaml');
    writeFileSync(spec, `name: ${name}\nprogram: ${programWin}\nsecrets: [SVCFORGE_TEST_SECRET]\n`);
    // The program's folder as an operator leaves it: only administrators may change it.
    protectShimFolder(join(work, 'state'), [winDirname(programWin)]);
    env = {
      ...process.env,
      DEBUG: '',
      PATH: `${dirname(pwshPath)}${delimiter}${process.env.PATH ?? ''}`,
      SVCFORGE_SHIM: 'wine',
      SVCFORGE_SHIM_STATE: join(work, 'state'),
      SVCFORGE_SESSION_PRELOAD: shimModule,
      SVCFORGE_WINEPREFIX: winePrefix,
      WINEPREFIX: winePrefix,
      WINEDEBUG: '-all',
      SVCFORGE_EXE_LAUNCHER: 'wine',
      SVCFORGE_TEST_SECRET: secret,
    };
  });

  after(async function () {
    this.timeout(180_000);
    if (!env) return;
    await removeService();
    rmSync(join(winePrefix, 'drive_c', 'apps', 'secret-probe'), { recursive: true, force: true });
    rmSync(linuxPath('C:\\ProgramData\\svcforge\\secret-probe'), { recursive: true, force: true });
    rmSync(linuxPath('C:\\Program Files\\svcforge\\secret-probe'), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('apply without a value exits 2 naming the secret, and changes nothing', () => {
    const { SVCFORGE_TEST_SECRET: _omit, ...without } = env;
    const run = spawnSync(process.execPath, [bin, 'apply', spec, '--json'], { cwd: repoRoot, encoding: 'utf8', env: without, input: '', timeout: 120_000 });
    expect(run.status, run.stdout + run.stderr).to.equal(2);
    expect(run.stdout).to.contain('SVCFORGE_TEST_SECRET');
    expect(existsSync(linuxPath(secretsFileWin))).to.equal(false);
  });

  it('apply stores the secret and the program gets it: it logs the hash of the value', async () => {
    const run = cli(['apply', spec, '--json']);
    expect(run.status, `apply failed:\n${run.stdout}\n${run.stderr}`).to.equal(0);
    expect(records(run).find((r) => r.step === 'secrets')?.status).to.equal('changed');
    expect((await queryState(name))?.state).to.equal('RUNNING');
    const want = `secret-probe: fnv1a64=${fnv1a64(Buffer.from(secret, 'utf8'))}`;
    await waitFor(() => existsSync(linuxPath(outLogWin)) && readText(linuxPath(outLogWin)).includes(want), {
      timeoutMs: 60_000,
      what: `the probe to log ${want}`,
      describe: () => (existsSync(linuxPath(outLogWin)) ? readText(linuxPath(outLogWin)) : 'no log yet'),
    });
    expect(readFileSync(linuxPath(secretsFileWin), 'utf8')).to.match(/^SVCFORGE_TEST_SECRET=[A-Za-z0-9+/]+={0,2}\r\n$/);
  });

  it('while it runs, the clear value is in no file of drive_c, the shim state or the logs, and on no command line', () => {
    expect(prefixProcesses(['secret-probe.exe']).length, 'the probe runs').to.be.greaterThan(0);
    const hits: string[] = [];
    let files = 0;
    for (const root of [join(winePrefix, 'drive_c'), env.SVCFORGE_SHIM_STATE!, work]) {
      for (const file of walk(root)) {
        files += 1;
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch {
          continue;
        }
        if (needles.some((needle) => content.includes(needle))) hits.push(file);
      }
    }
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`);
        if (needles.some((needle) => cmdline.includes(needle))) hits.push(`/proc/${entry}/cmdline`);
      } catch {
        // gone
      }
    }
    expect(files, 'files searched').to.be.greaterThan(100);
    expect(hits, 'places holding the clear value').to.deep.equal([]);
  });

  it('apply again keeps the stored blob: the secrets step and every other step are unchanged', () => {
    const before = readFileSync(linuxPath(secretsFileWin), 'utf8');
    const run = cli(['apply', spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(records(run).find((r) => r.step === 'secrets')?.status).to.equal('unchanged');
    expect(records(run).filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
    expect(readFileSync(linuxPath(secretsFileWin), 'utf8')).to.equal(before);
  });

  it('uninstall --purge removes the secrets file, the service and its processes', async () => {
    const run = cli(['uninstall', spec, '--purge', '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(existsSync(linuxPath(secretsFileWin))).to.equal(false);
    expect(await queryState(name)).to.equal(undefined);
    expect(prefixProcesses(processNames).filter((p) => p.cmdline.toLowerCase().includes('secret-probe'))).to.deep.equal([]);
  });
});
