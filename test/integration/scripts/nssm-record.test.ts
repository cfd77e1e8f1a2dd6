/**
 * host: nssm end to end in record mode: the rendered install.ps1 of the nssm golden
 * case, run by real pwsh against the shim, with the nssm.exe stand-in (a separate
 * process, test/shim/native/nssm.ps1) at the spec's nssm.path. The stand-in stores
 * what `nssm set` would write to the registry, and the shim's Get-ItemProperty answers
 * ...\Services\<name>\Parameters from it, so a second run must find nothing to change.
 * Like the real NSSM (test/integration/e2e/nssm-wine.test.ts), the stand-in refuses
 * every parameter until Parameters\Application exists, which install.ps1 writes with
 * reg.exe (the shim's stand-in, test/shim/native/reg.ps1).
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderSpecFile, repoRoot } from '../../support/render-case.js';
import { runPwshFile } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
}

interface Stored {
  type: string;
  value: unknown;
}

const specFile = join(repoRoot, 'test', 'golden', 'nssm', 'svcforge.yaml');
const nssmPath = 'C:\\tools\\nssm-2.24\\win64\\nssm.exe';

describe('host nssm: rendered install.ps1 against the record-mode shim and the nssm.exe stand-in', function () {
  this.timeout(600_000);
  let work: string;
  let state: string;

  async function render(spec: string, folder: string): Promise<string> {
    const bundle = join(work, folder);
    for (const [name, content] of await renderSpecFile(spec)) {
      mkdirSync(dirname(join(bundle, name)), { recursive: true });
      writeFileSync(join(bundle, name), content);
    }
    return bundle;
  }

  function runScript(bundle: string, script: 'install.ps1' | 'uninstall.ps1', options: { whatIf?: boolean; purge?: boolean } = {}) {
    const args = ['-StateDirectory', state, '-ScriptPath', join(bundle, script)];
    if (options.whatIf) args.push('-WhatIf');
    if (options.purge) args.push('-Purge');
    const run = runPwshFile(join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'), args);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StepRecord);
    return { ...run, records };
  }
  const runInstall = (bundle: string, options: { whatIf?: boolean } = {}) => runScript(bundle, 'install.ps1', options);

  const calls = (command: 'nssm.exe' | 'reg.exe'): string[][] =>
    existsSync(join(state, 'journal.jsonl'))
      ? readFileSync(join(state, 'journal.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { command: string; arguments?: string[]; exitCode?: number })
          .filter((call) => call.command === command)
          .map((call) => {
            expect(call.exitCode, JSON.stringify(call)).to.equal(0);
            return call.arguments!;
          })
      : [];
  const nssmCalls = (): string[][] => calls('nssm.exe');

  const stored = (): { Parameters: Record<string, Stored>; AppExit: Record<string, Stored> } =>
    (JSON.parse(readFileSync(join(state, 'nssm.json'), 'utf8')) as Record<string, never>)['web-api']!;

  let bundle: string;
  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-nssm-'));
    bundle = await render(specFile, 'bundle');
  });
  beforeEach(() => {
    state = mkdtempSync(join(work, 'state-'));
    writeFileSync(
      join(work, 'seed.ps1'),
      [
        `Import-Module -Name '${join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1')}'`,
        `Initialize-SvcForgeShim -Mode record -StateDirectory '${state}'`,
        `$null = Install-SvcForgeShimNssm -Path '${nssmPath}'`,
        // nssm.exe is the service's binary: install refuses its folder while Users may write there.
        `Protect-SvcForgeShimFolder -Path '${nssmPath.slice(0, nssmPath.lastIndexOf('\\'))}'`,
      ].join('\n'),
    );
    const seeded = runPwshFile(join(work, 'seed.ps1'));
    expect(seeded.status, seeded.stdout + seeded.stderr).to.equal(0);
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  it('registers nssm.exe as the quoted binary, writes Application with reg.exe, then sets each other NSSM parameter with one nssm.exe call', () => {
    const run = runInstall(bundle);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(
      run.records.filter((record) => record.status === 'failed'),
      run.stdout,
    ).to.deep.equal([]);
    const service = (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: Record<string, { binaryPath: string }> }).services['web-api']!;
    expect(service.binaryPath).to.equal(`"${nssmPath}"`);

    // NSSM manages the new service only once Application exists: that one value by reg.exe.
    expect(calls('reg.exe')).to.deep.equal([
      [
        'add',
        'HKLM\\SYSTEM\\CurrentControlSet\\Services\\web-api\\Parameters',
        '/v',
        'Application',
        '/t',
        'REG_EXPAND_SZ',
        '/d',
        'C:\\apps\\web-api\\web-api.exe',
        '/f',
      ],
    ]);
    const nssm = nssmCalls();
    expect(nssm.filter((call) => call[2] === 'Application')).to.deep.equal([]);
    // AppParameters arrives as one argument, exactly as CreateProcess must see it.
    expect(nssm).to.deep.include(['set', 'web-api', 'AppParameters', '--config "C:\\apps\\web-api\\conf\\app config.yaml" --greeting "say \\"hi\\""']);
    expect(nssm).to.deep.include(['set', 'web-api', 'AppEnvironmentExtra', 'GIN_MODE=release', 'APP_ENV=prod']);
    expect(nssm).to.deep.include(['set', 'web-api', 'AppExit', '0', 'Exit']);
    expect(nssm).to.deep.include(['set', 'web-api', 'AppExit', '64', 'Exit']);
    expect(nssm).to.deep.include(['set', 'web-api', 'AppPriority', 'BELOW_NORMAL_PRIORITY_CLASS']);
    expect(nssm).to.deep.include(['set', 'web-api', 'AppAffinity', '0,1,3']);
    // Values already at NSSM's default (AppExit Default Restart) need no call.
    expect(nssm.filter((call) => call[3] === 'Default')).to.deep.equal([]);

    const { Parameters, AppExit } = stored();
    expect(Parameters.Application).to.deep.equal({ type: 'REG_EXPAND_SZ', value: 'C:\\apps\\web-api\\web-api.exe' });
    expect(Parameters.AppParameters).to.deep.equal({
      type: 'REG_EXPAND_SZ',
      value: '--config "C:\\apps\\web-api\\conf\\app config.yaml" --greeting "say \\"hi\\""',
    });
    expect(Parameters.AppDirectory).to.deep.equal({ type: 'REG_EXPAND_SZ', value: 'C:\\apps\\web-api' });
    expect(Parameters.AppStdout).to.deep.equal({ type: 'REG_EXPAND_SZ', value: 'C:\\logs\\web-api\\web-api.out.log' });
    expect(Parameters.AppStderr).to.deep.equal({ type: 'REG_EXPAND_SZ', value: 'C:\\logs\\web-api\\web-api.err.log' });
    expect(Parameters.AppEnvironmentExtra).to.deep.equal({ type: 'REG_MULTI_SZ', value: ['GIN_MODE=release', 'APP_ENV=prod'] });
    expect(Parameters.AppRotateBytes).to.deep.equal({ type: 'REG_DWORD', value: 20971520 });
    expect(Parameters.AppRotateSeconds).to.deep.equal({ type: 'REG_DWORD', value: 86400 });
    expect(Parameters.AppStopMethodConsole).to.deep.equal({ type: 'REG_DWORD', value: 20000 });
    expect(Parameters.AppStopMethodSkip).to.deep.equal({ type: 'REG_DWORD', value: 6 });
    expect(Parameters.AppRestartDelay).to.deep.equal({ type: 'REG_DWORD', value: 2000 });
    expect(Parameters.AppThrottle).to.deep.equal({ type: 'REG_DWORD', value: 300000 });
    expect(Parameters.AppPriority).to.deep.equal({ type: 'REG_DWORD', value: 16384 });
    expect(Parameters.AppAffinity).to.deep.equal({ type: 'REG_SZ', value: '0,1,3' });
    expect(AppExit).to.deep.equal({
      '0': { type: 'REG_SZ', value: 'Exit' },
      '3': { type: 'REG_SZ', value: 'Restart' },
      '64': { type: 'REG_SZ', value: 'Exit' },
    });
  });

  it('reports every step unchanged on a second run and calls nssm.exe no more', () => {
    expect(runInstall(bundle).status).to.equal(0);
    const callsAfterFirst = nssmCalls().length;
    const second = runInstall(bundle);
    expect(second.status, second.stdout + second.stderr).to.equal(0);
    expect(second.records.filter((record) => record.step.startsWith('nssm:'))).to.have.length(17);
    expect(
      second.records.filter((record) => record.status !== 'unchanged'),
      second.stdout,
    ).to.deep.equal([]);
    expect(nssmCalls()).to.have.length(callsAfterFirst);
    expect(calls('reg.exe')).to.have.length(1);
  });

  it('resets what the spec no longer asks for (affinity back to All, a dropped exit code, environment cleared) and changes Application with nssm.exe', async () => {
    expect(runInstall(bundle).status).to.equal(0);
    const text = readFileSync(specFile, 'utf8')
      .replace('program: C:\\apps\\web-api\\web-api.exe', 'program: C:\\apps\\web-api\\v2\\web-api.exe')
      .replace(/^environment: .*\n/m, '')
      .replace('exitCodes: { "3": restart, "64": stop }', 'exitCodes: { "3": restart }')
      .replace('limits: { priority: belowNormal, affinity: [0, 1, 3] }', 'limits: { priority: belowNormal }');
    const changedSpec = join(work, 'changed.yaml');
    writeFileSync(changedSpec, text);
    const changedBundle = await render(changedSpec, 'changed-bundle');
    const before = nssmCalls().length;
    const run = runInstall(changedBundle);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(nssmCalls().slice(before)).to.deep.equal([
      ['set', 'web-api', 'Application', 'C:\\apps\\web-api\\v2\\web-api.exe'],
      ['set', 'web-api', 'AppDirectory', 'C:\\apps\\web-api\\v2'],
      ['reset', 'web-api', 'AppEnvironmentExtra'],
      ['reset', 'web-api', 'AppExit', '64'],
      ['reset', 'web-api', 'AppAffinity'],
    ]);
    const { Parameters, AppExit } = stored();
    expect(Parameters.Application).to.deep.equal({ type: 'REG_EXPAND_SZ', value: 'C:\\apps\\web-api\\v2\\web-api.exe' });
    expect(Parameters).to.not.have.property('AppAffinity');
    expect(Parameters).to.not.have.property('AppEnvironmentExtra');
    expect(AppExit).to.not.have.property('64');
    const again = runInstall(changedBundle);
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.records.filter((record) => record.step.startsWith('nssm:')).length, again.stdout).to.be.greaterThan(0);
    expect(
      again.records.filter((record) => record.status !== 'unchanged'),
      again.stdout,
    ).to.deep.equal([]);
  });

  it('removes the service and its NSSM parameters with uninstall -Purge, and a second uninstall -Purge exits 0 with every step unchanged', () => {
    expect(runInstall(bundle).status).to.equal(0);
    const removed = runScript(bundle, 'uninstall.ps1', { purge: true });
    expect(removed.status, removed.stdout + removed.stderr).to.equal(0);
    expect(
      removed.records.filter((record) => record.status === 'failed'),
      removed.stdout,
    ).to.deep.equal([]);
    expect(
      removed.records.find((record) => record.step === 'remove:web-api'),
      removed.stdout,
    ).to.deep.include({ status: 'changed' });
    const nssmStore = join(state, 'nssm.json');
    const storedAfter = existsSync(nssmStore) ? (JSON.parse(readFileSync(nssmStore, 'utf8')) as Record<string, unknown>) : {};
    expect(storedAfter, 'NSSM parameters of the deleted service').to.not.have.property('web-api');
    const after = JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: Record<string, unknown>; firewallRules: Record<string, unknown> };
    expect(after.services).to.deep.equal({});
    expect(after.firewallRules).to.deep.equal({});
    const again = runScript(bundle, 'uninstall.ps1', { purge: true });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.records.length, again.stdout).to.be.greaterThan(0);
    expect(
      again.records.filter((record) => record.status !== 'unchanged'),
      again.stdout,
    ).to.deep.equal([]);
  });

  it('changes nothing under -WhatIf and says which NSSM parameters it would set', () => {
    const run = runInstall(bundle, { whatIf: true });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const throttle = run.records.find((record) => record.step === 'nssm:web-api:AppThrottle')!;
    expect(throttle.status).to.equal('changed');
    expect(throttle.detail).to.match(/^would set .*does not exist yet/);
    expect(nssmCalls()).to.deep.equal([]);
    expect(existsSync(join(state, 'nssm.json'))).to.equal(false);
  });
});
