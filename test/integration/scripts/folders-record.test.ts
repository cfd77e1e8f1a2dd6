/**
 * Folders svcforge does not own, and folders someone else made first (issue 11 items 1, 2):
 * the rendered install.ps1 and uninstall.ps1 against the record-mode shim, whose ACLs have
 * owners and inherit from their parents as on Windows. Each attack ends with nothing changed.
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

interface AclEntry {
  identity: string;
  rights: number;
  type: string;
  inherited: boolean;
  inheritanceFlags: number;
  propagationFlags: number;
}

interface ShimState {
  services: Record<string, unknown>;
  firewallRules: Record<string, unknown>;
  acls: Record<string, { protected: boolean; owner: string; entries: AclEntry[] }>;
}

const shimModule = join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1');
const programDir = 'C:\\apps\\gin-hello\\current';
const readAndExecute = 1179817;

describe('install.ps1 on folders svcforge does not own (record-mode shim)', function () {
  this.timeout(600_000);
  let work: string;
  let bundle: string;
  let state: string;

  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-folders-'));
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

  const drive = (windowsPath: string): string => join(state, 'drive_c', ...windowsPath.replace(/^C:\\/, '').split('\\'));

  /** Runs PowerShell lines with the shim loaded on this test's state (seeding what was there before svcforge). */
  function seed(lines: string[]): void {
    const file = join(work, 'seed.ps1');
    writeFileSync(file, [`Import-Module -Name '${shimModule}'`, `Initialize-SvcForgeShim -Mode record -StateDirectory '${state}'`, ...lines].join('\n'));
    const run = runPwshFile(file);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
  }

  function runScript(script: string, extra: string[] = []) {
    const run = runPwshFile(join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'), ['-StateDirectory', state, '-ScriptPath', join(bundle, script), ...extra]);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StepRecord);
    return { ...run, records };
  }

  const readState = (): ShimState => JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as ShimState;
  const journalCommands = (): string[] =>
    existsSync(join(state, 'journal.jsonl'))
      ? readFileSync(join(state, 'journal.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { command: string }).command)
      : [];
  /** Nothing was changed: no service, no rule, no native call, no ACL but the seeded ones. */
  function expectNothingChanged(seededAcls: ShimState['acls']): void {
    const after = readState();
    expect(after.services).to.deep.equal({});
    expect(after.firewallRules).to.deep.equal({});
    expect(after.acls).to.deep.equal(seededAcls);
    const changing = journalCommands().filter((command) =>
      /^(sc\.exe|icacls\.exe|reg\.exe|New-Service|Set-Service|Invoke-CimMethod|New-NetFirewallRule|Set-Acl)$/.test(command),
    );
    expect(changing).to.deep.equal([]);
  }

  it('refuses a data folder a local user created first, with a planted script in bundle\\, and changes nothing', () => {
    const planted = drive('C:\\ProgramData\\svcforge\\gin-hello\\bundle\\uninstall.ps1');
    mkdirSync(dirname(planted), { recursive: true });
    writeFileSync(planted, 'Start-Process calc.exe # runs as administrator at uninstall\n');
    seed([
      `Set-SvcForgeShimAcl -Path 'C:\\ProgramData\\svcforge\\gin-hello' -Owner 'WIN\\mallory' -Entry @(@{ identity = 'WIN\\mallory'; rights = 2032127 })`,
      `Set-SvcForgeShimAcl -Path 'C:\\ProgramData\\svcforge\\gin-hello\\bundle' -Owner 'WIN\\mallory' -Entry @(@{ identity = 'WIN\\mallory'; rights = 2032127 })`,
    ]);
    const seeded = readState().acls;
    rmSync(join(state, 'journal.jsonl'), { force: true });

    const run = runScript('install.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    const failed = run.records.at(-1)!;
    expect(failed.step).to.equal('folders');
    expect(failed.status).to.equal('failed');
    expect(failed.detail).to.match(/^nothing was changed: /);
    expect(failed.detail).to.include("'C:\\ProgramData\\svcforge\\gin-hello' exists and is owned by WIN\\mallory, not by Administrators");
    expect(failed.detail).to.include("'C:\\ProgramData\\svcforge\\gin-hello\\bundle' exists and is owned by WIN\\mallory");
    expect(run.records.map((record) => record.step)).to.deep.equal(['folders']);
    expect(readFileSync(planted, 'utf8')).to.equal('Start-Process calc.exe # runs as administrator at uninstall\n');
    expectNothingChanged(seeded);
  });

  it('refuses a program folder that Users can write to, naming them, and changes nothing', () => {
    // Created by an administrator under C:\ without changing its ACL: it inherits C:\'s "Users may create folders".
    mkdirSync(drive(programDir), { recursive: true });
    writeFileSync(join(drive(programDir), 'gin-hello.exe'), 'MZ');
    rmSync(join(state, 'journal.jsonl'), { force: true });

    const run = runScript('install.ps1');
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    const failed = run.records.at(-1)!;
    expect(failed.step).to.equal('folders');
    expect(failed.detail).to.include(`'${programDir}' holds an executable the service runs and can be changed by BUILTIN\\Users`);
    expectNothingChanged({});
  });

  it("adds only the service's entry to a locked program folder, keeps its other entries and inheritance, and uninstall gives its ACL back", () => {
    mkdirSync(drive(programDir), { recursive: true });
    writeFileSync(join(drive(programDir), 'gin-hello.exe'), 'MZ');
    // What an administrator leaves: inheritance off, Users may read and run (the folder is shared with other tools).
    seed([
      `Set-SvcForgeShimAcl -Path '${programDir}' -Protected -Entry @(` +
        `@{ identity = 'BUILTIN\\Administrators'; rights = 2032127 }, @{ identity = 'NT AUTHORITY\\SYSTEM'; rights = 2032127 }, @{ identity = 'BUILTIN\\Users'; rights = ${readAndExecute} })`,
    ]);
    const key = programDir.toLowerCase();
    const original = readState().acls[key]!;

    const install = runScript('install.ps1');
    expect(install.status, install.stdout + install.stderr).to.equal(0);
    const record = install.records.find((r) => r.step === 'program-dir')!;
    expect(record.status).to.equal('changed');
    expect(record.detail).to.include('granted NT SERVICE\\gin-hello ReadAndExecute');
    const during = readState().acls[key]!;
    expect(during.protected).to.equal(true);
    expect(during.owner).to.equal(original.owner);
    expect(during.entries.map((entry) => `${entry.identity}:${entry.rights}`)).to.have.members([
      'BUILTIN\\Administrators:2032127',
      'NT AUTHORITY\\SYSTEM:2032127',
      `BUILTIN\\Users:${readAndExecute}`,
      `NT SERVICE\\gin-hello:${readAndExecute}`,
    ]);
    // svcforge's own folders are exclusive and owned by Administrators.
    const data = readState().acls['c:\\programdata\\svcforge'];
    expect(data?.protected, 'C:\\ProgramData\\svcforge is locked').to.equal(true);
    expect(data?.entries.map((entry) => entry.identity)).to.have.members(['BUILTIN\\Administrators', 'NT AUTHORITY\\SYSTEM']);

    const second = runScript('install.ps1');
    expect(second.status, second.stdout + second.stderr).to.equal(0);
    expect(second.records.filter((r) => r.status !== 'unchanged')).to.deep.equal([]);

    const uninstall = runScript('uninstall.ps1');
    expect(uninstall.status, uninstall.stdout + uninstall.stderr).to.equal(0);
    expect(uninstall.records.find((r) => r.step === 'restore-acls')?.status).to.equal('changed');
    expect(readState().acls[key]).to.deep.equal(original);
    expect(existsSync(join(drive(programDir), 'gin-hello.exe'))).to.equal(true);
    const again = runScript('uninstall.ps1');
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.records.filter((r) => r.status !== 'unchanged')).to.deep.equal([]);
  });
});
