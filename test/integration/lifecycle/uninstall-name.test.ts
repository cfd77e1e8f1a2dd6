/**
 * `svcforge uninstall NAME`: without the spec file, the spec kept with the installed
 * bundle (C:\ProgramData\svcforge\<name>\bundle\svcforge.json) says what to remove.
 * The built CLI against the record-mode shim.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/render-case.js';
import { requirePwsh } from '../../support/skip.js';

const bin = join(repoRoot, 'bin', 'run.js');
const spec = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');

describe('svcforge uninstall NAME against the record-mode shim', function () {
  this.timeout(600_000);
  let state: string;
  let env: NodeJS.ProcessEnv;
  const svcforge = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: tmpdir(), encoding: 'utf8', env, input: '', timeout: 300_000 });
  const shimState = () => JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: object; firewallRules: object };

  before(function () {
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'uninstall.js'))) throw new Error('the CLI is not built: run `npm run -s build` first');
    state = mkdtempSync(join(tmpdir(), 'svcforge-uninstall-name-'));
    env = {
      ...process.env,
      DEBUG: '',
      SVCFORGE_SHIM: 'record',
      SVCFORGE_SHIM_STATE: state,
      SVCFORGE_SESSION_PRELOAD: join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1'),
    };
  });
  after(() => state && rmSync(state, { recursive: true, force: true }));

  it('removes the service, its rules and its files by name alone, from another folder', () => {
    const apply = svcforge(['apply', spec]);
    expect(apply.status, apply.stdout + apply.stderr).to.equal(0);
    expect(existsSync(join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello', 'bundle', 'svcforge.json')), 'apply keeps the resolved spec').to.equal(
      true,
    );
    const removed = svcforge(['uninstall', 'gin-hello', '--purge', '--json']);
    expect(removed.status, removed.stdout + removed.stderr).to.equal(0);
    const steps = (JSON.parse(removed.stdout) as { result: { records: { step: string; status: string }[] } }).result.records;
    expect(steps.find((record) => record.step === 'remove:gin-hello')?.status).to.equal('changed');
    expect(shimState().services).to.deep.equal({});
    expect(shimState().firewallRules).to.deep.equal({});
    expect(existsSync(join(state, 'drive_c', 'Program Files', 'svcforge', 'gin-hello'))).to.equal(false);
    expect(existsSync(join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello'))).to.equal(false);
  });

  it('a plain uninstall keeps the logs and the resolved spec, so `uninstall NAME --purge` can finish later', () => {
    const dataDir = join(state, 'drive_c', 'ProgramData', 'svcforge', 'gin-hello');
    const apply = svcforge(['apply', spec]);
    expect(apply.status, apply.stdout + apply.stderr).to.equal(0);
    const removed = svcforge(['uninstall', 'gin-hello', '--json']);
    expect(removed.status, removed.stdout + removed.stderr).to.equal(0);
    expect(shimState().services).to.deep.equal({});
    expect(existsSync(join(dataDir, 'bundle')), 'the bundle is gone').to.equal(false);
    expect(existsSync(join(dataDir, 'logs')), 'the logs stay').to.equal(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'svcforge.json'), 'utf8'))).to.include({ name: 'gin-hello' });
    const again = svcforge(['uninstall', 'gin-hello', '--json']);
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    const records = (JSON.parse(again.stdout) as { result: { records: { step: string; status: string }[] } }).result.records;
    expect(records.filter((record) => record.status !== 'unchanged')).to.deep.equal([]);
    const purged = svcforge(['uninstall', 'gin-hello', '--purge', '--json']);
    expect(purged.status, purged.stdout + purged.stderr).to.equal(0);
    expect(existsSync(dataDir)).to.equal(false);
  });

  it('says a name svcforge did not install is not found, with exit 1 and how to give the spec', () => {
    const run = svcforge(['uninstall', 'gin-hello', '--json']);
    expect(run.status).to.equal(1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string; suggestions: string[] } }).error;
    expect(error.code).to.equal('SERVICE_NOT_FOUND');
    expect(error.message).to.match(/no service gin-hello installed by svcforge here/);
    expect(error.suggestions.join(' ')).to.match(/svcforge uninstall path\/to\/svcforge.yaml/);
  });
});
