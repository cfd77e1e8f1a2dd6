/**
 * `svcforge apply` with a `user` service account: the password comes from
 * SVCFORGE_ACCOUNT_PASSWORD (or a hidden prompt), reaches the SCM through the session,
 * and is in no file, record or output. The built CLI against the record-mode shim, whose
 * state keeps only a SHA-256 of the password the SCM was given.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/render-case.js';
import { requirePwsh } from '../../support/skip.js';

const bin = join(repoRoot, 'bin', 'run.js');
const exampleSpec = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
// Quotes, a dollar and a backtick: PowerShell must receive it as data, never as code.
const password = `pa'ss"w$(Get-Date)rd\`1 x`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('svcforge apply with a user account (record-mode shim)', function () {
  this.timeout(600_000);
  let state: string;
  let spec: string;
  let env: NodeJS.ProcessEnv;
  const svcforge = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...env, ...extraEnv }, input: '', timeout: 300_000 });
  const readState = () => JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { accountRights: Record<string, string[]> };
  const service = () =>
    (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: Record<string, { account: string; passwordSha256?: string }> }).services[
      'gin-hello'
    ];

  before(function () {
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'apply.js'))) throw new Error('the CLI is not built: run `npm run -s build` first');
    state = mkdtempSync(join(tmpdir(), 'svcforge-user-account-'));
    spec = join(state, 'svcforge.yaml');
    const yaml = readFileSync(exampleSpec, 'utf8').replace(/^account: .*$/m, 'account: { type: user, name: CONTOSO\\svc-gin }');
    expect(yaml).to.contain('type: user');
    writeFileSync(spec, yaml);
    env = {
      ...process.env,
      DEBUG: '',
      SVCFORGE_ACCOUNT_PASSWORD: '',
      SVCFORGE_SHIM: 'record',
      SVCFORGE_SHIM_STATE: state,
      SVCFORGE_SESSION_PRELOAD: join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1'),
    };
  });
  after(() => state && rmSync(state, { recursive: true, force: true }));

  it('without a password and without a terminal: exit 2 naming SVCFORGE_ACCOUNT_PASSWORD, nothing changed', () => {
    const run = svcforge(['apply', spec, '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(2);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string; suggestions: string[] } }).error;
    expect(error.code).to.equal('PASSWORD_MISSING');
    expect(error.message).to.contain('CONTOSO\\svc-gin');
    expect(error.suggestions.join(' ')).to.contain('SVCFORGE_ACCOUNT_PASSWORD');
    expect(existsSync(join(state, 'state.json')) ? service() : undefined).to.equal(undefined);
  });

  it('installs and starts as the user, the SCM gets exactly the password, and it is in no file or output', () => {
    const run = svcforge(['apply', spec, '--json'], { SVCFORGE_ACCOUNT_PASSWORD: password });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    // The shim's SCM, like Windows, fails the start with 1069 unless the account may log on as a service.
    const records = (JSON.parse(run.stdout) as { result: { records: { step: string; status: string }[] } }).result.records;
    expect(records.find((record) => record.step === 'logon-right:CONTOSO\\svc-gin')?.status).to.equal('changed');
    expect(readState().accountRights).to.deep.equal({ 'CONTOSO\\SVC-GIN': ['SeServiceLogonRight'] });
    expect(service()?.account).to.equal('CONTOSO\\svc-gin');
    expect(service()?.passwordSha256).to.equal(createHash('sha256').update(password, 'utf8').digest('hex'));
    expect(run.stdout + run.stderr).not.to.contain(password);
    const leaks = filesUnder(state).filter((file) => readFileSync(file, 'latin1').includes(password));
    expect(leaks, 'files holding the password').to.deep.equal([]);
  });

  it('a second apply applies the password again (the SCM cannot be asked for it) and reports every other step unchanged', () => {
    const run = svcforge(['apply', spec, '--json'], { SVCFORGE_ACCOUNT_PASSWORD: password });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const records = (JSON.parse(run.stdout) as { result: { records: { step: string; status: string; changes: string[] }[] } }).result.records;
    expect(records.filter((record) => record.status !== 'unchanged').map((record) => [record.step, record.changes])).to.deep.equal([
      ['service:gin-hello', ['password of CONTOSO\\svc-gin applied again']],
    ]);
  });

  it('a rotated password given to a later apply reaches the SCM though the account name is unchanged', () => {
    const rotated = `${password}-rotated`;
    const run = svcforge(['apply', spec, '--json'], { SVCFORGE_ACCOUNT_PASSWORD: rotated });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(service()?.account).to.equal('CONTOSO\\svc-gin');
    expect(service()?.passwordSha256).to.equal(createHash('sha256').update(rotated, 'utf8').digest('hex'));
    expect(run.stdout + run.stderr).not.to.contain(rotated);
  });

  it('doctor reports the right present, and once it is taken away (a Group Policy refresh), error 1069 and what to do', () => {
    const fine = svcforge(['doctor', spec, '--json']);
    const check = (run: ReturnType<typeof svcforge>) =>
      (JSON.parse(run.stdout) as { result: { checks: { step: string; status: string; detail: string }[] } }).result.checks.find(
        (record) => record.step === 'logon-right:gin-hello',
      );
    expect(check(fine)?.status, fine.stdout + fine.stderr).to.equal('unchanged');
    const seeded = JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(state, 'state.json'), JSON.stringify({ ...seeded, accountRights: {} }));
    const lost = svcforge(['doctor', spec, '--json']);
    expect(lost.status, lost.stdout + lost.stderr).to.equal(1);
    expect(check(lost)?.status).to.equal('failed');
    expect(check(lost)?.detail).to.contain('1069').and.contain('svcforge apply');
    const restart = svcforge(['restart', spec, '--json']);
    expect(restart.status, restart.stdout + restart.stderr).to.equal(1);
    const again = svcforge(['apply', spec, '--json'], { SVCFORGE_ACCOUNT_PASSWORD: password });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(readState().accountRights['CONTOSO\\SVC-GIN']).to.deep.equal(['SeServiceLogonRight']);
  });
});
