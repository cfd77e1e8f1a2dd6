import { expect } from 'chai';
import { deriveDeployment } from '../../../src/model/derive.js';
import { installPlan, uninstallPlan, type Step } from '../../../src/model/steps.js';
import { psStepCall } from '../../../src/quote/powershell.js';
import { parseSpec } from '../../../src/spec-file/load.js';

const deployment = (extra = '') => deriveDeployment(parseSpec(`name: web\nprogram: C:\\apps\\web\\web.exe\n${extra}`, 'svcforge.yaml', { env: {} }));
const parameters = (step: Step) => Object.fromEntries(step.parameters);

describe('services svcforge did not create: --adopt reaches the service steps', () => {
  it("passes the run's $Adopt switch to every Set-SvcForgeService step, as -Adopt:$Adopt", () => {
    const services = installPlan(deployment('instances: { count: 2, portRange: "9001-9002" }\n'), []).install.filter(
      (step) => step.command === 'Set-SvcForgeService',
    );
    expect(services).to.have.length(2);
    for (const service of services) {
      expect(parameters(service).Adopt).to.deep.equal({ adopt: true });
      expect(psStepCall(service)).to.contain(' -Adopt:$Adopt ');
    }
  });

  it('passes it to every Remove-SvcForgeService step, and those come first in an uninstall', () => {
    const { remove } = uninstallPlan(deployment('instances: { count: 2, portRange: "9001-9002" }\n'));
    expect(remove.slice(0, 2).map((step) => step.command)).to.deep.equal(['Remove-SvcForgeService', 'Remove-SvcForgeService']);
    for (const step of remove.slice(0, 2)) expect(psStepCall(step)).to.match(/^Remove-SvcForgeService -Name 'web-\d' -Adopt:\$Adopt -Step /);
  });

  it('gives no other step -Adopt', () => {
    const { install, start } = installPlan(deployment(), []);
    const others = [...install, ...start, ...uninstallPlan(deployment()).remove].filter((step) => !/^(Set|Remove)-SvcForgeService$/.test(step.command));
    expect(others.filter((step) => step.parameters.some(([name]) => name === 'Adopt')).map((step) => step.id)).to.deep.equal([]);
  });
});

describe('service accounts: "Log on as a service" for the accounts that need it', () => {
  const logonSteps = (extra: string) => installPlan(deployment(extra), []).install.filter((step) => step.command === 'Grant-SvcForgeServiceLogonRight');

  it('grants it to a user account and to a gMSA once, before the first service step', () => {
    for (const account of ['{ type: user, name: CONTOSO\\svc-web }', '{ type: gmsa, name: CONTOSO\\gmsa-web$ }']) {
      const plan = installPlan(deployment(`account: ${account}\ninstances: { count: 2, portRange: "9001-9002" }\n`), []).install;
      const steps = plan.filter((step) => step.command === 'Grant-SvcForgeServiceLogonRight');
      expect(steps.map((step) => parameters(step).Account)).to.have.length(1);
      expect(steps[0]!.id).to.match(/^logon-right:CONTOSO\\(svc-web|gmsa-web\$)$/);
      expect(plan.indexOf(steps[0]!)).to.be.lessThan(plan.findIndex((step) => step.command === 'Set-SvcForgeService'));
    }
  });

  it('grants nothing to a virtual or built-in account', () => {
    for (const type of ['virtual', 'localService', 'networkService', 'localSystem']) expect(logonSteps(`account: { type: ${type} }\n`)).to.deep.equal([]);
  });
});
