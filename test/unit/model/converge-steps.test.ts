import { expect } from 'chai';
import { deriveDeployment } from '../../../src/model/derive.js';
import { installPlan, restartPendingFile, type Step } from '../../../src/model/steps.js';
import { controlSteps } from '../../../src/lifecycle/control.js';
import { specTarget } from '../../../src/lifecycle/target.js';
import { parseSpec } from '../../../src/spec-file/load.js';
import { formatRecord, recordLabel } from '../../../src/formatters/steps.js';
import { restartPendingNote } from '../../../src/formatters/status.js';
import { isStepRecord } from '../../../src/exec/record.js';

const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

const spec = (extra = '') => parseSpec(`name: web\nprogram: C:\\apps\\web\\web.exe\n${extra}`, 'svcforge.yaml', { env: {} });
const plan = (extra = '') => installPlan(deriveDeployment(spec(extra)), []);
const find = (steps: Step[], id: string): Step => {
  const found = steps.find((step) => step.id === id);
  if (!found) throw new Error(`no step ${id} in ${steps.map((step) => step.id).join(', ')}`);
  return found;
};
const parameters = (step: Step) => Object.fromEntries(step.parameters);

describe('install plan: apply converges a running service', () => {
  it('removes instances beyond the count first, before any service step, with the program the instances run', () => {
    const { install } = plan('instances: { count: 2, portRange: "9001-9002" }\n');
    // Only the read-only folder check and the lock of C:\ProgramData\svcforge come before it.
    expect(install.slice(0, 3).map((step) => step.id)).to.deep.equal(['folders', 'data-root', 'instances-prune']);
    expect(parameters(install[2]!)).to.deep.include({
      Name: 'web',
      Count: 2,
      Program: 'C:\\Program Files\\svcforge\\web\\svcforge-host.exe',
    });
    expect(parameters(find(plan('host: native\n').install, 'instances-prune')).Program).to.equal('C:\\apps\\web\\web.exe');
    expect(parameters(find(plan("host: nssm\nnssm: { path: 'C:\\nssm.exe' }\n").install, 'instances-prune')).Program).to.equal('C:\\nssm.exe');
  });

  it('prunes the firewall group to the rules the spec lists, after adding them; none listed: the whole group goes', () => {
    const { install } = plan('firewall:\n  - { port: 8080 }\n');
    const prune = find(install, 'firewall-prune');
    expect(install.indexOf(prune)).to.be.greaterThan(install.findIndex((step) => step.id.startsWith('firewall:')));
    expect(parameters(prune)).to.deep.include({ Group: 'svcforge-web', Keep: ['svcforge-web-tcp-8080'] });
    expect(parameters(find(plan().install, 'firewall-prune')).Keep).to.deep.equal([]);
  });

  it('writes the secrets the spec lists, and removes the secrets file when it lists none', () => {
    expect(find(plan('secrets: [API_TOKEN]\n').install, 'secrets').command).to.equal('Set-SvcForgeSecretFile');
    const remove = find(plan().install, 'secrets');
    expect(remove.command).to.equal('Remove-SvcForgeFile');
    expect(parameters(remove).Path).to.equal('C:\\ProgramData\\svcforge\\web\\secrets.dat');
  });

  it('marks the host exe and each host conf as restart reasons, the conf for its own instance', () => {
    const { install } = plan('instances: { count: 2, portRange: "9001-9002" }\n');
    expect(parameters(find(install, 'host-exe'))).to.deep.include({ RestartReason: 'host-exe' });
    expect(parameters(find(install, 'host-exe'))).to.not.have.property('RestartService');
    expect(parameters(find(install, 'host-conf:web-2'))).to.deep.include({ RestartReason: 'host-conf', RestartService: ['web-2'] });
    expect(parameters(find(install, 'bundle-dir'))).to.not.have.property('RestartReason');
  });

  it('starts with -RestartIfChanged and the instance’s restart-pending marker in the data folder', () => {
    const deployment = deriveDeployment(spec());
    const start = find(installPlan(deployment, []).start, 'start:web');
    expect(parameters(start)).to.deep.include({
      RestartIfChanged: true,
      RestartPendingFile: 'C:\\ProgramData\\svcforge\\web\\web.restart-pending.json',
    });
    expect(restartPendingFile(deployment, 'web-2')).to.equal('C:\\ProgramData\\svcforge\\web\\web-2.restart-pending.json');
  });

  it('svcforge start never restarts a running service; restart and start still clear the marker', () => {
    const planned = { file: 'svcforge.yaml', spec: spec(), deployment: deriveDeployment(spec()) } as unknown as Parameters<typeof specTarget>[0];
    const target = specTarget(planned);
    const start = controlSteps(target, 'start').find((step) => step.id === 'start:web')!;
    expect(start.script).to.not.contain('-RestartIfChanged');
    expect(start.script).to.contain("-RestartPendingFile 'C:\\ProgramData\\svcforge\\web\\web.restart-pending.json'");
    expect(target.instances[0]!.restartPendingFile).to.equal('C:\\ProgramData\\svcforge\\web\\web.restart-pending.json');
  });
});

describe('plan and status show what converging does', () => {
  const record = { step: 'firewall-prune', status: 'changed' as const, detail: "would remove 1 firewall rule(s) of group 'svcforge-web': old", changes: [] };

  it('a removal shows as remove in a plan and removed in a run; other changes stay changed', () => {
    expect(recordLabel({ ...record, action: 'remove' }, true)).to.equal('remove');
    expect(recordLabel({ ...record, action: 'remove' }, false)).to.equal('removed');
    expect(recordLabel(record, true)).to.equal('changed');
    expect(recordLabel({ ...record, status: 'unchanged', action: 'remove' }, true)).to.equal('unchanged');
    expect(stripAnsi(formatRecord({ ...record, action: 'remove' }, true))).to.match(/^ {2}remove {4}firewall-prune/);
    expect(isStepRecord({ ...record, action: 'remove' })).to.equal(true);
    expect(isStepRecord({ ...record, action: 'delete' })).to.equal(false);
  });

  it('status names a pending restart and its reasons', () => {
    expect(restartPendingNote({ reasons: ['host-conf', 'secrets'], since: '2025-01-01T10:00:00Z' })).to.equal(
      'restart pending: host-conf, secrets (since 2025-01-01T10:00:00Z; run `svcforge restart`)',
    );
  });
});
