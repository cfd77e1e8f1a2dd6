/**
 * install.ps1 -WhatIf asks for nothing and encrypts nothing: no password prompt for a
 * user account, no secret prompt and no `svcforge-host.exe protect` (issue 11 item 8).
 * Run non-interactive, so a prompt would fail the script instead of waiting.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderSpecFile, repoRoot } from '../../support/render-case.js';
import { runPwshFile } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

describe('install.ps1 -WhatIf with a user account and secrets (record-mode shim)', function () {
  this.timeout(300_000);
  let work: string;
  let bundle: string;

  before(async function () {
    requirePwsh(this);
    work = mkdtempSync(join(tmpdir(), 'svcforge-whatif-'));
    const yaml = readFileSync(join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml'), 'utf8').replace(
      /^account: .*$/m,
      'account: { type: user, name: CONTOSO\\svc-gin }\nsecrets: [DB_PASSWORD]',
    );
    expect(yaml).to.contain('secrets: [DB_PASSWORD]');
    writeFileSync(join(work, 'svcforge.yaml'), yaml);
    bundle = join(work, 'bundle');
    for (const [name, content] of await renderSpecFile(join(work, 'svcforge.yaml'))) {
      mkdirSync(dirname(join(bundle, name)), { recursive: true });
      writeFileSync(join(bundle, name), content);
    }
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  it('runs to the end without asking, protects nothing and changes nothing', () => {
    const state = mkdtempSync(join(work, 'state-'));
    const env = { ...process.env, DB_PASSWORD: undefined };
    const run = runPwshFile(
      join(repoRoot, 'test', 'shim', 'Invoke-ShimScript.ps1'),
      ['-StateDirectory', state, '-ScriptPath', join(bundle, 'install.ps1'), '-WhatIf'],
      {
        env,
        input: '',
      },
    );
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { step: string; status: string; detail: string });
    expect(records.filter((record) => record.status === 'failed')).to.deep.equal([]);
    const secrets = records.find((record) => record.step === 'secrets');
    expect(secrets?.detail, run.stdout).to.match(/^would /);
    const journal = existsSync(join(state, 'journal.jsonl')) ? readFileSync(join(state, 'journal.jsonl'), 'utf8') : '';
    expect(journal).to.not.match(/protect/);
    const services = existsSync(join(state, 'state.json'))
      ? (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: object }).services
      : {};
    expect(services).to.deep.equal({});
  });
});
