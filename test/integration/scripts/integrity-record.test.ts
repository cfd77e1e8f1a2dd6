/**
 * install.ps1 checks the bundle against manifest.json before anything else: a
 * modified, missing or extra file stops it with exit 1 naming the file, and the
 * record-mode shim sees no call at all (nothing changed, not even the elevation check).
 */
import { expect } from 'chai';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderSpecFile, repoRoot } from '../../support/render-case.js';
import { runPwshFile } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

describe('install.ps1 bundle integrity (record-mode shim)', function () {
  this.timeout(300_000);
  let work: string;
  let pristine: string;
  let release: string;

  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-integrity-'));
    pristine = join(work, 'pristine');
    for (const [name, content] of await renderSpecFile(join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml'))) {
      mkdirSync(dirname(join(pristine, name)), { recursive: true });
      writeFileSync(join(pristine, name), content);
    }
    release = join(work, 'release');
    for (const [name, content] of await renderSpecFile(join(repoRoot, 'examples', 'gin-hello', 'svcforge.release.yaml'))) {
      mkdirSync(dirname(join(release, name)), { recursive: true });
      writeFileSync(join(release, name), content);
    }
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  function installTampered(tamper: (bundle: string) => void) {
    const bundle = mkdtempSync(join(work, 'bundle-'));
    cpSync(pristine, bundle, { recursive: true });
    tamper(bundle);
    const state = mkdtempSync(join(work, 'state-'));
    const run = runPwshFile(join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'), ['-StateDirectory', state, '-ScriptPath', join(bundle, 'install.ps1')]);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { step: string; status: string; detail: string });
    const journal = existsSync(join(state, 'journal.jsonl')) ? readFileSync(join(state, 'journal.jsonl'), 'utf8').trim() : '';
    const services = existsSync(join(state, 'state.json'))
      ? (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: object }).services
      : {};
    return { ...run, records, journal, services };
  }

  function expectRefused(run: ReturnType<typeof installTampered>, named: RegExp) {
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    expect(run.records, run.stdout).to.have.length(1);
    expect(run.records[0]!.step).to.equal('integrity');
    expect(run.records[0]!.status).to.equal('failed');
    expect(run.records[0]!.detail).to.match(named);
    expect(run.records[0]!.detail).to.include('Nothing was changed');
    expect(run.journal, 'the shim saw a call').to.equal('');
    expect(run.services).to.deep.equal({});
  }

  it('no script carries #Requires -RunAsAdministrator (applied before the first line runs), and install.ps1 and deploy.ps1 run nothing but Set-StrictMode before the integrity check', () => {
    // The real parser: ScriptRequirements is what PowerShell enforces before running a script.
    // Before the integrity step, only Set-StrictMode runs: no other command (an elevation check,
    // a module import) outside the function definitions, which run nothing by being defined.
    const probe = join(work, 'requirements.ps1');
    writeFileSync(
      probe,
      [
        'param([string]$Bundle)',
        "foreach ($name in 'install.ps1', 'uninstall.ps1', 'firewall.ps1', 'status.ps1', 'deploy.ps1') {",
        '    if (-not (Test-Path -LiteralPath (Join-Path $Bundle $name))) { continue }',
        '    $tokens = $null; $errors = $null',
        '    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $Bundle $name), [ref]$tokens, [ref]$errors)',
        '    $requiresElevation = $null -ne $ast.ScriptRequirements -and $ast.ScriptRequirements.IsElevationRequired',
        '    $before = @()',
        '    $found = $false',
        '    foreach ($statement in $ast.EndBlock.Statements) {',
        '        if ($statement.Extent.Text -eq "`$script:currentStep = \'integrity\'") { $found = $true; break }',
        '        if ($statement -is [System.Management.Automation.Language.FunctionDefinitionAst]) { continue }',
        "        $before += @($statement.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } | Where-Object { $_ -ne 'Set-StrictMode' })",
        '    }',
        '    "$name|$requiresElevation|$found|$($before -join \',\')"',
        '}',
      ].join('\n'),
    );
    const lines: string[] = [];
    for (const bundle of [pristine, release]) {
      const run = runPwshFile(probe, ['-Bundle', bundle]);
      expect(run.status, run.stderr).to.equal(0);
      lines.push(...run.stdout.trim().split('\n'));
    }
    expect(lines).to.have.length(9);
    for (const line of lines) {
      const [name, requiresElevation, found, commandsBefore] = line.split('|');
      expect(requiresElevation, `${name} requires elevation before its first line`).to.equal('False');
      if (name !== 'install.ps1' && name !== 'deploy.ps1') continue; // the two that verify the bundle
      expect(found, `${name} has the integrity step`).to.equal('True');
      expect(commandsBefore, `${name}: commands that run before the integrity step`).to.equal('');
    }
  });

  it('refuses a module file changed after render, naming it', () => {
    const run = installTampered((bundle) => appendFileSync(join(bundle, 'SvcForge', 'SvcForge.psm1'), '\nfunction Remove-SvcForgeService { }\n'));
    expectRefused(run, /SvcForge\/SvcForge\.psm1 was modified/);
  });

  it('refuses a missing file, naming it', () => {
    const run = installTampered((bundle) => rmSync(join(bundle, 'uninstall.ps1')));
    expectRefused(run, /uninstall\.ps1 is missing/);
  });

  it('refuses an extra file (a script dropped next to the module), naming it', () => {
    const run = installTampered((bundle) => writeFileSync(join(bundle, 'SvcForge', 'Extra.ps1'), 'Write-Host hi\n'));
    expectRefused(run, /SvcForge\/Extra\.ps1 is not part of the bundle/);
  });

  it('refuses a bundle whose manifest.json is gone', () => {
    const run = installTampered((bundle) => rmSync(join(bundle, 'manifest.json')));
    expectRefused(run, /manifest\.json is missing/);
  });

  it('runs an untouched bundle past the check', () => {
    const run = installTampered(() => undefined);
    expect(
      run.records.some((record) => record.step === 'integrity'),
      run.stdout,
    ).to.equal(false);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
  });
});
