/**
 * Services svcforge did not create (issue 11 item 3): the rendered install.ps1 and
 * uninstall.ps1 against the record-mode shim, with a service of the spec's name already
 * there and no SvcForge value in its key (what Spooler looks like to `name: Spooler`).
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

interface ShimService {
  binaryPath: string;
  account: string;
  state: string;
  extraValues?: Record<string, string>;
}

const foreign = {
  name: 'gin-hello',
  displayName: 'Someone else',
  description: 'not svcforge',
  binaryPath: 'C:\\Windows\\System32\\spoolsv.exe',
  startMode: 'Auto',
  delayedAutoStart: false,
  dependOnService: [],
  account: 'LocalSystem',
  state: 'Running',
  processId: 1234,
  exitCode: 0,
  failureActions: null,
  failureFlag: 0,
  sidType: 0,
  startBehavior: 'run',
};

describe('a service svcforge did not create (record-mode shim)', function () {
  this.timeout(900_000);
  let work: string;
  let bundle: string;
  let state: string;

  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-ownership-'));
    bundle = join(work, 'bundle');
    for (const [name, content] of await renderSpecFile(join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml'))) {
      mkdirSync(dirname(join(bundle, name)), { recursive: true });
      writeFileSync(join(bundle, name), content);
    }
    state = join(work, 'state');
    mkdirSync(state);
    const seeded = { elevated: true, nextPid: 4000, services: { 'gin-hello': foreign }, firewallRules: {}, acls: {}, processes: [], listeners: [] };
    writeFileSync(join(state, 'state.json'), JSON.stringify(seeded));
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  function runScript(script: string, ...extra: string[]) {
    const run = runPwshFile(join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'), ['-StateDirectory', state, '-ScriptPath', join(bundle, script), ...extra]);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StepRecord);
    return { ...run, records };
  }
  const service = (): ShimService | undefined =>
    (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: Record<string, ShimService> }).services['gin-hello'];
  const journal = (): string => readFileSync(join(state, 'journal.jsonl'), { encoding: 'utf8', flag: 'a+' });

  it('install.ps1 refuses it at the service step, naming -Adopt, and leaves the service as it was', () => {
    const run = runScript('install.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    const failed = run.records.filter((record) => record.status === 'failed');
    expect(failed.map((record) => record.step)).to.deep.equal(['service:gin-hello']);
    expect(failed[0]!.detail).to.contain("service 'gin-hello' exists but svcforge did not create it").and.contain('install.ps1 -Adopt');
    expect(service()).to.deep.include({ binaryPath: foreign.binaryPath, account: 'LocalSystem', state: 'Running' });
    expect(service()?.extraValues).to.equal(undefined);
    expect(journal()).not.to.contain('"command":"Invoke-CimMethod"').and.not.to.contain('"command":"New-ItemProperty"');
  });

  it('uninstall.ps1 refuses to delete it, before any other step', () => {
    const run = runScript('uninstall.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    expect(run.records.map((record) => [record.step, record.status])).to.deep.equal([['remove:gin-hello', 'failed']]);
    expect(run.records[0]!.detail).to.contain('refuses to delete it').and.contain('uninstall.ps1 -Adopt');
    expect(service()).to.deep.include({ binaryPath: foreign.binaryPath, state: 'Running' });
  });

  it('install.ps1 -Adopt marks it (the SvcForge value in its key) and configures it as the spec says', () => {
    const run = runScript('install.ps1', '-Adopt');
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const step = run.records.find((record) => record.step === 'service:gin-hello');
    expect(step?.status).to.equal('changed');
    expect(step?.detail).to.match(/^adopted service gin-hello: /);
    expect(service()?.extraValues).to.deep.equal({ SvcForge: 'gin-hello' });
    expect(service()?.binaryPath).to.contain('svcforge-host.exe');
    expect(service()?.account).to.equal('NT SERVICE\\gin-hello');
  });

  it('once marked, uninstall.ps1 deletes it without -Adopt', () => {
    const run = runScript('uninstall.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.records[0]).to.deep.include({ step: 'remove:gin-hello', status: 'changed' });
    expect(service()).to.equal(undefined);
  });
});
