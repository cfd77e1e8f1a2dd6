import { expect } from 'chai';
import { deriveDeployment } from '../../../src/model/derive.js';
import { installPlan, uninstallPlan, type Step } from '../../../src/model/steps.js';
import { parseSpec } from '../../../src/spec-file/load.js';

const deployment = (extra = '') => deriveDeployment(parseSpec(`name: web\nprogram: C:\\apps\\web\\web.exe\n${extra}`, 'svcforge.yaml', { env: {} }));
const parameters = (step: Step | undefined) => Object.fromEntries(step?.parameters ?? []);
const byId = (steps: Step[], id: string) => steps.find((step) => step.id === id);
const ledger = 'C:\\ProgramData\\svcforge\\web\\folders.json';

describe('folder steps: what svcforge owns, and what it only adds to', () => {
  it("gives svcforge's own folders an exclusive ACL and the program's folder only the service's entry, refused while others can write", () => {
    const { install } = installPlan(deployment(), []);
    expect(parameters(byId(install, 'data-dir'))).to.deep.include({ Owned: true, LedgerFile: ledger });
    expect(parameters(byId(install, 'install-dir'))).to.deep.include({ Owned: true, BinaryFolder: true });
    expect(parameters(byId(install, 'program-dir'))).to.deep.include({ Path: 'C:\\apps\\web', BinaryFolder: true, LedgerFile: ledger });
    expect(parameters(byId(install, 'program-dir'))).to.not.have.property('Owned');
    expect(parameters(byId(install, 'data-root'))).to.deep.equal({ Path: 'C:\\ProgramData\\svcforge', Owned: true, KeepChildAcl: true, Step: 'data-root' });
  });

  it('checks every folder first, read-only: its own, the binary folders (nssm.exe too) and a logs.dir the spec names', () => {
    const { install } = installPlan(deployment("host: nssm\nnssm: { path: 'C:\\tools\\nssm\\nssm.exe' }\nlogs: { dir: 'D:\\logs\\web' }\n"), []);
    const check = install[0]!;
    expect(check.command).to.equal('Assert-SvcForgeDirectorySafe');
    expect(check.whatIf).to.equal(false);
    expect(parameters(check)).to.deep.include({
      BinaryFolder: ['C:\\apps\\web', 'C:\\tools\\nssm'],
      OtherPath: ['D:\\logs\\web'],
      LedgerFile: ledger,
    });
    expect(parameters(check).OwnedPath).to.include.members(['C:\\ProgramData\\svcforge', 'C:\\ProgramData\\svcforge\\web', 'C:\\Program Files\\svcforge\\web']);
    expect(parameters(byId(install, 'nssm-dir'))).to.deep.include({ Path: 'C:\\tools\\nssm', BinaryFolder: true });
  });

  it('gives folders it did not create their permissions back at uninstall, before removing its own', () => {
    const { remove } = uninstallPlan(deployment());
    const ids = remove.map((step) => step.id);
    expect(ids.indexOf('restore-acls')).to.be.lessThan(ids.indexOf('install-dir'));
    expect(parameters(byId(remove, 'install-dir'))).to.deep.include({ LedgerFile: ledger });
  });
});
