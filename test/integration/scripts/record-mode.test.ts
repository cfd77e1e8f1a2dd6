/**
 * The rendered install.ps1 / uninstall.ps1 executed by real pwsh against the
 * stateful record-mode shim (test/shim): what one run creates, the next run sees.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { renderSpecFile, repoRoot } from '../../support/render-case.js';
import { runPwshFile } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

interface StepRecord {
  step: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  detail: string;
}

interface ShimState {
  services: Record<string, Record<string, unknown>>;
  firewallRules: Record<string, Record<string, unknown>>;
  acls: Record<string, { protected: boolean; entries: { identity: string; rights: number; type: string; inherited: boolean }[] }>;
}

describe('rendered scripts against the record-mode shim', function () {
  this.timeout(300_000);
  let work: string;
  let bundle: string;
  let state: string;

  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-record-'));
    bundle = join(work, 'bundle');
    for (const [name, content] of await renderSpecFile(join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml'))) {
      mkdirSync(dirname(join(bundle, name)), { recursive: true });
      writeFileSync(join(bundle, name), content);
    }
  });
  beforeEach(() => {
    state = mkdtempSync(join(work, 'state-'));
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  function runScript(script: string, options: { whatIf?: boolean; purge?: boolean } = {}) {
    const args = ['-StateDirectory', state, '-ScriptPath', isAbsolute(script) ? script : join(bundle, script)];
    if (options.whatIf) args.push('-WhatIf');
    if (options.purge) args.push('-Purge');
    const run = runPwshFile(join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'), args);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StepRecord);
    return { ...run, records };
  }

  const readState = (): ShimState => JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as ShimState;
  const journal = (): { command: string; parameters?: Record<string, unknown>; arguments?: string[] }[] =>
    existsSync(join(state, 'journal.jsonl'))
      ? readFileSync(join(state, 'journal.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as never)
      : [];

  it('installs: the service with a quoted binary path and the virtual account, its recovery, ACLs and a scoped firewall rule, then starts it', () => {
    const run = runScript('install.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(
      run.records.filter((record) => record.status === 'failed'),
      run.stdout,
    ).to.deep.equal([]);
    const ids = run.records.map((record) => record.step);
    expect(ids).to.include.members([
      'service:gin-hello',
      'recovery:gin-hello',
      'install-dir',
      'log-dir:gin-hello',
      'host-exe',
      'firewall:svcforge-gin-hello-tcp-8080',
      'port:gin-hello',
      'start:gin-hello',
    ]);
    const service = readState().services['gin-hello']!;
    expect(JSON.stringify(service)).to.include('\\"C:\\\\Program Files\\\\svcforge\\\\gin-hello\\\\svcforge-host.exe\\" service');
    expect(JSON.stringify(service)).to.include('NT SERVICE\\\\gin-hello');
    const rule = JSON.stringify(readState().firewallRules);
    for (const fragment of ['8080', 'TCP', 'LocalSubnet', 'gin-hello.exe', 'Domain', 'Private']) expect(rule).to.include(fragment);
    expect(rule).to.not.include('Public');
    const calls = journal().map((call) => JSON.stringify(call));
    expect(calls.some((call) => call.includes('failure') && call.includes('reset=') && call.includes('86400') && call.includes('restart/60000'))).to.equal(
      true,
    );
    expect(calls.some((call) => call.includes('failureflag'))).to.equal(true);
    // ACLs: inheritance off, Administrators + SYSTEM full, the service account Modify on logs, ReadAndExecute on the install dir
    const acls = readState().acls;
    const grants = (path: string) => {
      const acl = acls[path.toLowerCase()];
      expect(acl, `${path} has an ACL set; have: ${Object.keys(acls).join(', ')}`).to.not.equal(undefined);
      expect(acl!.protected, `${path} inheritance off`).to.equal(true);
      return Object.fromEntries(acl!.entries.map((entry) => [entry.identity, `${entry.type}:${entry.rights}:${entry.inherited}`]));
    };
    const fullControl = 'Allow:2032127:false';
    expect(grants('C:\\ProgramData\\svcforge\\gin-hello\\logs')).to.deep.equal({
      'BUILTIN\\Administrators': fullControl,
      'NT AUTHORITY\\SYSTEM': fullControl,
      'NT SERVICE\\gin-hello': 'Allow:1245631:false', // Modify
    });
    expect(grants('C:\\Program Files\\svcforge\\gin-hello')).to.deep.equal({
      'BUILTIN\\Administrators': fullControl,
      'NT AUTHORITY\\SYSTEM': fullControl,
      'NT SERVICE\\gin-hello': 'Allow:1179817:false', // ReadAndExecute
    });
  });

  it('reports every step unchanged on a second run', () => {
    expect(runScript('install.ps1').status).to.equal(0);
    const second = runScript('install.ps1');
    expect(second.status, second.stdout + second.stderr).to.equal(0);
    expect(second.records.length).to.be.greaterThan(10);
    expect(
      second.records.filter((record) => record.status !== 'unchanged'),
      second.stdout,
    ).to.deep.equal([]);
  });

  it('changes nothing under -WhatIf and says what it would do', () => {
    const run = runScript('install.ps1', { whatIf: true });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(
      run.records.some((record) => record.status === 'changed' && /^would /.test(record.detail)),
      run.stdout,
    ).to.equal(true);
    const after = readState();
    expect(after.services).to.deep.equal({});
    expect(after.firewallRules).to.deep.equal({});
    expect(existsSync(join(state, 'drive_c', 'Program Files', 'svcforge', 'gin-hello'))).to.equal(false);
  });

  it('leaves the shim state empty after uninstall -Purge, and a second uninstall changes nothing', () => {
    expect(runScript('install.ps1').status).to.equal(0);
    const removed = runScript('uninstall.ps1', { purge: true });
    expect(removed.status, removed.stdout + removed.stderr).to.equal(0);
    const after = readState();
    expect(after.services).to.deep.equal({});
    expect(after.firewallRules).to.deep.equal({});
    expect(existsSync(join(state, 'drive_c', 'Program Files', 'svcforge', 'gin-hello'))).to.equal(false);
    expect(existsSync(join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello'))).to.equal(false);
    const again = runScript('uninstall.ps1', { purge: true });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.records.length, again.stdout).to.be.greaterThan(0);
    expect(
      again.records.filter((record) => record.status !== 'unchanged'),
      again.stdout,
    ).to.deep.equal([]);
  });

  it('keeps a bundle whose scripts run from where install kept it: status, then uninstall -Purge', () => {
    expect(runScript('install.ps1').status).to.equal(0);
    const kept = join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello', 'bundle');
    expect(existsSync(join(kept, 'SvcForge', 'SvcForge.psm1')), 'the module is kept with the scripts').to.equal(true);
    const status = runScript(join(kept, 'status.ps1'));
    expect(status.status, status.stdout + status.stderr).to.equal(0);
    expect(status.stdout).to.match(/"name":"gin-hello"/);
    const removed = runScript(join(kept, 'uninstall.ps1'), { purge: true });
    expect(removed.status, removed.stdout + removed.stderr).to.equal(0);
    expect(readState().services).to.deep.equal({});
    expect(existsSync(join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello'))).to.equal(false);
  });

  it('fails the port step naming the process that holds the port, and exits 1', () => {
    writeFileSync(
      join(work, 'seed.ps1'),
      [
        `Import-Module -Name '${join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1')}'`,
        `Initialize-SvcForgeShim -Mode record -StateDirectory '${state}'`,
        `Add-SvcForgeShimProcess -ProcessId 4321 -Name 'nginx'`,
        `Add-SvcForgeShimListener -Port 8080 -ProcessId 4321`,
      ].join('\n'),
    );
    const seeded = runPwshFile(join(work, 'seed.ps1'));
    expect(seeded.status, seeded.stdout + seeded.stderr).to.equal(0);
    const run = runScript('install.ps1');
    expect(run.status).to.equal(1);
    const failed = run.records.at(-1)!;
    expect(failed.step).to.equal('port:gin-hello');
    expect(failed.status).to.equal('failed');
    expect(failed.detail).to.match(/nginx/);
  });
});
