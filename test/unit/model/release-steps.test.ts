import { expect } from 'chai';
import { rollbackTarget, type ReleaseState } from '../../../src/exec/deploy.js';
import { deriveDeployment } from '../../../src/model/derive.js';
import { deployPlan, rollbackPlan } from '../../../src/model/release-steps.js';
import { installPlan } from '../../../src/model/steps.js';
import { formatReleases } from '../../../src/formatters/releases.js';
import { psStepCall } from '../../../src/quote/powershell.js';
import { parseSpec } from '../../../src/spec-file/load.js';

const releaseSpec = [
  'name: web',
  'program: bin\\web.exe',
  'firewall: [{ port: 8080, protocol: tcp }]',
  'health: { http: "http://127.0.0.1:8080/health" }',
  'release: { keep: 3, healthTimeout: 45s, minHealthy: 7s }',
  '',
].join('\n');
const deploymentOf = (text: string) => deriveDeployment(parseSpec(text, 'svcforge.yaml', { env: {} }));
const ids = (steps: { id: string }[]) => steps.map((step) => step.id);

describe('release steps (deploy.ps1 and svcforge deploy share them)', () => {
  const deployment = deploymentOf(releaseSpec);
  const plan = deployPlan(deployment, []);

  it('locks first, verifies the zip before it converges the install, unpacks last, then activates and prunes', () => {
    expect(ids(plan.prepare).slice(0, 2)).to.deep.equal(['lock', 'verify']);
    expect(ids(plan.prepare).slice(2, -1)).to.deep.equal(ids(installPlan(deployment, []).install));
    expect(ids(plan.prepare).at(-1)).to.equal('unpack');
    expect(ids(plan.activate)).to.deep.equal(['switch', 'firewall:svcforge-web-tcp-8080', 'restart:web', 'gate:web']);
    expect(ids(plan.finish)).to.deep.equal(['prune', 'unlock']);
    expect(ids(plan.rollback)).to.deep.equal(ids(plan.activate).map((id) => `rollback:${id}`));
  });

  it('passes the spec release settings to the gate and prune, and the runtime version to the switch', () => {
    const gate = psStepCall(plan.activate.find((step) => step.id === 'gate:web')!);
    expect(gate).to.contain('-Version $releaseVersion -HealthTimeoutSeconds 45 -MinHealthySeconds 7 -HealthChecked $true');
    expect(psStepCall(plan.finish[0]!)).to.contain('-Keep 3');
    expect(psStepCall(plan.activate[0]!)).to.contain("-PointerPath 'C:\\ProgramData\\svcforge\\web\\release.conf'");
    expect(psStepCall(plan.prepare.find((step) => step.id === 'verify')!)).to.contain("-Path $releaseZip -Name 'web' -Program 'bin\\web.exe'");
  });

  it('names the release program in the firewall rule: the activated version in deploy, the current one otherwise', () => {
    const activated = psStepCall(plan.activate[1]!);
    expect(activated).to.contain(
      "-Program (Resolve-SvcForgeReleaseProgram -Version $releaseVersion -ReleasesDir 'C:\\Program Files\\svcforge\\web\\releases' -Program 'bin\\web.exe')",
    );
    const install = installPlan(deployment, []);
    expect(install.install.map((step) => step.command)).not.to.include('Set-SvcForgeFirewallRule');
    expect(ids(install.install)).not.to.include('program-dir');
  });

  it('gates on "running, not restarted" without a health check', () => {
    const plain = deployPlan(deploymentOf(releaseSpec.replace(/^health:.*\n/m, '')), []);
    expect(psStepCall(plain.activate.find((step) => step.id === 'gate:web')!)).to.contain('-HealthChecked $false');
  });

  it('rollback is the lock, the activation and the unlock; nothing is unpacked or pruned', () => {
    expect(ids(rollbackPlan(deployment))).to.deep.equal(['lock', 'switch', 'firewall:svcforge-web-tcp-8080', 'restart:web', 'gate:web', 'unlock']);
  });
});

describe('rollback target and the releases table', () => {
  const entry = (version: string, gate: 'passed' | 'failed' | 'pending', extra: Partial<ReleaseState['releases'][number]> = {}) => ({
    version,
    deployedAt: '2026-12-05T10:00:00Z',
    gate,
    gateAt: null,
    reason: null,
    onDisk: true,
    current: false,
    ...extra,
  });
  const state: ReleaseState = {
    current: '3.0.0',
    lastGood: '2.0.0',
    releases: [entry('3.0.0', 'failed', { current: true, reason: 'never healthy' }), entry('2.0.0', 'passed'), entry('1.0.0', 'passed')],
  };

  it('goes back to the newest other release that passed its gate, or to --to', () => {
    expect(rollbackTarget(state, undefined)).to.equal('2.0.0');
    expect(rollbackTarget(state, '1.0.0')).to.equal('1.0.0');
  });

  it('exits 2 for an unknown or pruned --to, and when nothing passed', () => {
    expect(() => rollbackTarget(state, '9.9.9'))
      .to.throw(/release 9.9.9 is not on this host/)
      .with.property('exitCode', 2);
    const pruned = { ...state, releases: [state.releases[0]!, entry('1.0.0', 'passed', { onDisk: false })] };
    expect(() => rollbackTarget(pruned, '1.0.0')).to.throw(/not on this host/);
    expect(() => rollbackTarget({ current: '1.0.0', lastGood: null, releases: [entry('1.0.0', 'failed', { current: true })] }, undefined))
      .to.throw(/no earlier release passed its gate/)
      .with.property('exitCode', 2);
  });

  it('prints one row per release with current, last good and a failed gate reason', () => {
    const lines = formatReleases(state).split('\n');
    expect(lines[0]).to.match(/^VERSION\s+DEPLOYED\s+STATE\s+GATE$/);
    expect(lines[1]).to.match(/^3\.0\.0 .* current .* failed: never healthy$/);
    expect(lines[2]).to.match(/^2\.0\.0 .* last good .* passed$/);
    expect(formatReleases({ current: null, lastGood: null, releases: [] })).to.match(/no releases deployed yet/);
  });

  it('makes <installDir>\\shared read-only to the account, the writable folders the spec names modifiable, and exports SVCFORGE_SHARED', () => {
    const shared = deploymentOf(releaseSpec.replace('release: { keep: 3,', 'release: { writable: [data, uploads/images], keep: 3,'));
    const install = installPlan(shared, []);
    const calls = install.install.filter((step) => step.id.startsWith('shared-dir')).map(psStepCall);
    expect(calls).to.deep.equal([
      "Set-SvcForgeDirectory -Path 'C:\\Program Files\\svcforge\\web\\shared' -ReadAccount @('NT SERVICE\\web') -Owned $true -LedgerFile 'C:\\ProgramData\\svcforge\\web\\folders.json' -Step 'shared-dir' @common",
      "Set-SvcForgeDirectory -Path 'C:\\Program Files\\svcforge\\web\\shared\\data' -ModifyAccount @('NT SERVICE\\web') -Owned $true -LedgerFile 'C:\\ProgramData\\svcforge\\web\\folders.json' -Step 'shared-dir:data' @common",
      "Set-SvcForgeDirectory -Path 'C:\\Program Files\\svcforge\\web\\shared\\uploads\\images' -ModifyAccount @('NT SERVICE\\web') -Owned $true -LedgerFile 'C:\\ProgramData\\svcforge\\web\\folders.json' -Step 'shared-dir:uploads/images' @common",
    ]);
    expect(shared.instances[0]!.conf).to.deep.include(['env', 'SVCFORGE_SHARED=C:\\Program Files\\svcforge\\web\\shared']);
    const start = psStepCall(install.start.find((step) => step.id === 'start:web')!);
    expect(start).to.contain("-ReleasePointer 'C:\\ProgramData\\svcforge\\web\\release.conf'");
  });

  it('refuses a writable folder outside shared and a hand-set SVCFORGE_SHARED', () => {
    for (const bad of ['../up', 'C:/x', '/abs', 'a/../../b', 'a:b'])
      expect(() => deploymentOf(releaseSpec.replace('release: { keep: 3,', `release: { writable: ["${bad}"], keep: 3,`)), bad).to.throw(
        /must be a folder inside shared/,
      );
    expect(() => deploymentOf(`${releaseSpec}environment: { SVCFORGE_SHARED: x }\n`)).to.throw(/is set by the supervisor with release: \(SVCFORGE_SHARED\)/);
  });
});
