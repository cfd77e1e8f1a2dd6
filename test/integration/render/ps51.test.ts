/**
 * Every template, rendered for a matrix of specs, parses with the real PowerShell
 * parser with zero errors and passes the Windows PowerShell 5.1 AST check
 * (test/ps/Test-Ps51Compat.ps1: no ternary, ??, &&/||, -Parallel, bare sc, aliases...).
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot, renderSpecFile } from '../../support/render-case.js';
import { runPwshFile } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

const base = { name: 'matrix', program: 'C:\\apps\\matrix\\matrix.exe' };
const matrix: Record<string, object> = {
  minimal: base,
  'account-localService': { ...base, account: { type: 'localService' } },
  'account-networkService': { ...base, account: { type: 'networkService' } },
  'account-localSystem': { ...base, account: { type: 'localSystem' } },
  'account-user': { ...base, account: { type: 'user', name: 'CORP\\svc' } },
  'account-gmsa': { ...base, account: { type: 'gmsa', name: 'CORP\\svc$' } },
  'startup-delayed': { ...base, startup: 'delayed', dependsOn: ['Tcpip', 'Dnscache'] },
  'startup-manual': { ...base, startup: 'manual' },
  'startup-disabled': { ...base, startup: 'disabled' },
  'host-native': { ...base, host: 'native', arguments: ['run'], firewall: [{ port: 80 }] },
  'instances-secrets': { ...base, secrets: ['TOKEN'], instances: { count: 2, portRange: '9000-9001' }, firewall: [{ port: '9000-9001' }] },
  everything: {
    ...base,
    port: 8080,
    environment: { A: '1' },
    health: { http: 'http://127.0.0.1:8080/health' },
    limits: { memory: '64MB', cpuPercent: 10, priority: 'high', affinity: [1] },
    hooks: { preStart: { command: 'C:\\x.exe' }, postStop: { command: 'C:\\y.exe' } },
    firewall: [
      { port: 8080, profiles: ['public'], remoteAddresses: ['Any'] },
      { port: 8080, protocol: 'udp' },
    ],
    logs: { timestamps: true, combined: true, rotate: { daily: true } },
  },
};

describe('rendered scripts under the real PowerShell parser and the 5.1 rules', function () {
  this.timeout(300_000);
  let work: string;
  before(function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-ps51-'));
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  it(`parses and passes the 5.1 check for ${Object.keys(matrix).length} specs plus every golden case`, async () => {
    const specs: string[] = Object.entries(matrix).map(([name, spec]) => {
      const file = join(work, `${name}.yaml`);
      writeFileSync(file, stringify(spec));
      return file;
    });
    for (const golden of ['gin-hello', 'instances', 'native', 'nssm', 'tricky-strings', 'minimal'])
      specs.push(join(repoRoot, 'test', 'golden', golden, 'svcforge.yaml'));
    const scripts: string[] = [];
    for (const [index, spec] of specs.entries()) {
      const bundle = await renderSpecFile(spec);
      const dir = join(work, 'bundles', `bundle-${index}`);
      mkdirSync(dir, { recursive: true });
      for (const [name, content] of bundle) {
        if (!name.endsWith('.ps1') || name.includes('/')) continue;
        writeFileSync(join(dir, name), content);
        scripts.push(join(dir, name));
      }
    }
    expect(scripts.length).to.equal(specs.length * 4);
    const run = runPwshFile(join(repoRoot, 'test', 'ps', 'Test-Ps51Compat.ps1'), ['-Path', join(work, 'bundles')]);
    expect(run.stdout + run.stderr, 'Test-Ps51Compat findings').to.not.match(/\S/);
    expect(run.status).to.equal(0);
  });

  it('the 5.1 check does catch 7-only syntax and a bare sc (it can fail)', () => {
    const bad = join(work, 'bad.ps1');
    writeFileSync(bad, '$a = $true ? 1 : 2\n$b = $null ?? 3\nGet-Item . && Get-Item .\nsc stop x\n');
    const run = runPwshFile(join(repoRoot, 'test', 'ps', 'Test-Ps51Compat.ps1'), ['-Path', bad]);
    expect(run.status).to.equal(1);
    for (const line of [1, 2, 3, 4]) expect(run.stdout).to.include(`bad.ps1:${line}:`);
  });
});
