import { expect } from 'chai';
import { deriveDeployment } from '../../../src/model/derive.js';
import { installPlan, uninstallPlan, type Step } from '../../../src/model/steps.js';
import { psStepCall } from '../../../src/render/quote.js';
import { parseSpec } from '../../../src/spec/load.js';

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
