import { expect } from 'chai';
import { logonRightRecord, needsLogonRight } from '../../../src/lifecycle/doctor.js';

describe('doctor: "Log on as a service" of the service account', () => {
  it('checks user accounts and gMSAs, not LocalSystem, NT AUTHORITY or virtual accounts', () => {
    expect(['CONTOSO\\svc-gin', 'CONTOSO\\gmsa-gin$', '.\\localuser'].map(needsLogonRight)).to.deep.equal([true, true, true]);
    expect(
      ['LocalSystem', '.\\LocalSystem', 'NT AUTHORITY\\LocalService', 'nt authority\\networkservice', 'NT SERVICE\\gin-hello', ''].map(needsLogonRight),
    ).to.deep.equal([false, false, false, false, false, false]);
  });

  it('is fine when the account holds SeServiceLogonRight', () => {
    const record = logonRightRecord('logon-right:gin', 'gin', {
      account: 'CONTOSO\\svc',
      resolved: true,
      rights: ['SeBatchLogonRight', 'SeServiceLogonRight'],
    });
    expect(record.status).to.equal('unchanged');
  });

  it('is a problem naming error 1069 and svcforge apply when the right is missing', () => {
    const record = logonRightRecord('logon-right:gin', 'gin', { account: 'CONTOSO\\svc', resolved: true, rights: [] });
    expect(record.status).to.equal('failed');
    expect(record.detail).to.contain('SeServiceLogonRight').and.contain('1069').and.contain('svcforge apply');
  });

  it('is a problem when the account is denied the right, even if it also holds it', () => {
    const record = logonRightRecord('logon-right:gin', 'gin', {
      account: 'CONTOSO\\svc',
      resolved: true,
      rights: ['SeServiceLogonRight', 'SeDenyServiceLogonRight'],
    });
    expect(record.status).to.equal('failed');
    expect(record.detail).to.contain('SeDenyServiceLogonRight');
  });

  it('is a problem when the account cannot be resolved here, and takes a right flattened to a string', () => {
    expect(logonRightRecord('x', 'gin', { account: 'CONTOSO\\gmsa$', resolved: false, rights: [] }).detail).to.contain('Install-ADServiceAccount');
    expect(logonRightRecord('x', 'gin', { account: 'CONTOSO\\svc', resolved: true, rights: 'SeServiceLogonRight' as unknown as string[] }).status).to.equal(
      'unchanged',
    );
  });
});
