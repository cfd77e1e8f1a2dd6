import { expect } from 'chai';
import { executionPolicyRecord } from '../../../src/lifecycle/execution-policy.js';

describe('doctor execution-policy row', () => {
  for (const policy of ['Restricted', 'AllSigned', 'RemoteSigned', 'Unrestricted', 'Bypass', undefined]) {
    it(`never recommends -ExecutionPolicy Bypass (${policy ?? 'unknown'})`, () => {
      expect(executionPolicyRecord(policy).detail).to.not.include('-ExecutionPolicy Bypass');
    });
  }

  it('fails Restricted and AllSigned and points to render --sign', () => {
    for (const policy of ['Restricted', 'AllSigned']) {
      const row = executionPolicyRecord(policy);
      expect(row.status).to.equal('failed');
      expect(row.detail).to.include('svcforge render --sign');
    }
  });

  it('passes RemoteSigned and says to unblock a copied bundle', () => {
    const row = executionPolicyRecord('RemoteSigned');
    expect(row.status).to.equal('unchanged');
    expect(row.detail).to.include('Unblock-File');
  });
});
