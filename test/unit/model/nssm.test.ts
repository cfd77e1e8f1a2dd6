import { expect } from 'chai';
import { affinityList, nssmParameters } from '../../../src/model/nssm.js';
import { parseSpec } from '../../../src/spec-file/load.js';

const spec = (extra = '') =>
  parseSpec(`name: web\nprogram: C:\\apps\\web\\web.exe\nhost: nssm\nnssm: { path: 'C:\\nssm.exe' }\n${extra}`, 'svcforge.yaml', { env: {} });
const parameters = (extra = '') => new Map(nssmParameters(spec(extra), { name: 'web', logDir: 'C:\\logs' }));

describe('NSSM parameters', () => {
  it('quotes arguments for CreateProcess, without the program', () => {
    expect(parameters('arguments: [a, "b c", \'say "hi"\']\n').get('AppParameters')).to.equal('a "b c" "say \\"hi\\""');
    expect(parameters().get('AppParameters')).to.equal('');
  });

  it('maps recovery.restart and exitCodes to AppExit, codes in numeric order', () => {
    expect(parameters().get('AppExit')).to.deep.equal(['Default=Restart', '0=Exit']);
    expect(parameters('recovery: { restart: always }\n').get('AppExit')).to.deep.equal(['Default=Restart']);
    expect(parameters('recovery: { restart: never, exitCodes: { "10": restart, "2": restart, "0": restart } }\n').get('AppExit')).to.deep.equal([
      'Default=Exit',
      '0=Restart',
      '2=Restart',
      '10=Restart',
    ]);
  });

  it('keeps every managed parameter at NSSM defaults when the spec says nothing, so removing a field resets it', () => {
    const all = parameters();
    expect(all.get('AppAffinity')).to.equal('All');
    expect(all.get('AppPriority')).to.equal('NORMAL_PRIORITY_CLASS');
    expect(all.get('AppEnvironmentExtra')).to.deep.equal([]);
    expect(all.get('AppRotateSeconds')).to.equal('0');
    expect(all.get('AppStderr')).to.equal('C:\\logs\\web.err.log');
    expect(parameters('logs: { combined: true }\n').get('AppStderr')).to.equal('C:\\logs\\web.out.log');
  });

  it('writes affinity in the form NSSM stores it: runs of three or more as a range, a run of two as two numbers', () => {
    // What nssm64.exe set ... AppAffinity leaves in the registry (checked under Wine).
    expect(affinityList([3, 0, 1])).to.equal('0,1,3');
    expect(affinityList([1, 0])).to.equal('0,1');
    expect(affinityList([5])).to.equal('5');
    expect(affinityList([0, 2, 4, 5, 6])).to.equal('0,2,4-6');
    expect(affinityList([0, 1, 2, 3, 8, 9])).to.equal('0-3,8,9');
  });
});
