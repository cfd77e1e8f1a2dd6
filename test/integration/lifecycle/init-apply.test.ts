/**
 * The one-shot setup and the elevation check, with the built CLI against the
 * record-mode shim: `init --apply` ends with a running service, and any command
 * that changes the system refuses to run unelevated with exit 3 and what to do.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/render-case.js';
import { pwshPath } from '../../support/pwsh.js';
import { requirePwsh } from '../../support/skip.js';

const bin = join(repoRoot, 'bin', 'run.js');
const shimModule = join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1');

describe('init --apply and elevation against the record-mode shim', function () {
  this.timeout(600_000);
  let work: string;
  let state: string;
  let env: NodeJS.ProcessEnv;
  const svcforge = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env, input: '', timeout: 300_000 });
  const services = () =>
    (JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')) as { services: Record<string, { state?: string; State?: string }> }).services;

  before(function () {
    requirePwsh(this);
    if (!existsSync(join(repoRoot, 'dist', 'commands', 'init.js'))) throw new Error('the CLI is not built: run `npm run -s build` first');
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'svcforge-init-apply-'));
    state = join(work, 'state');
    env = { ...process.env, DEBUG: '', SVCFORGE_SHIM: 'record', SVCFORGE_SHIM_STATE: state, SVCFORGE_SESSION_PRELOAD: shimModule };
  });
  afterEach(() => work && rmSync(work, { recursive: true, force: true }));

  it('writes the spec and ends with the service installed and running', () => {
    const run = svcforge(['init', '--name', 'orders-api', '--program', 'C:\\apps\\orders-api\\current\\orders-api.exe', '--port', '9123', '--apply', '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const result = (JSON.parse(run.stdout) as { result: { file: string; applied: { records: { step: string; status: string }[] } } }).result;
    expect(existsSync(join(work, 'svcforge.yaml'))).to.equal(true);
    expect(result.applied.records.find((record) => record.step === 'start:orders-api')?.status).to.equal('changed');
    expect(JSON.stringify(services()['orders-api'])).to.match(/Running/);
  });

  it('refuses to apply unelevated: exit 3, nothing changed, and says how to rerun', () => {
    const seed = spawnSync(
      pwshPath,
      [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `Import-Module '${shimModule}'; Initialize-SvcForgeShim -Mode record -StateDirectory '${state}'; Set-SvcForgeShimElevated -Elevated $false`,
      ],
      { encoding: 'utf8' },
    );
    expect(seed.status, seed.stderr).to.equal(0);
    const run = svcforge(['apply', join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml'), '--json']);
    expect(run.status, run.stdout + run.stderr).to.equal(3);
    const error = (JSON.parse(run.stdout) as { error: { code: string; suggestions: string[] } }).error;
    expect(error.code).to.equal('NOT_ELEVATED');
    expect(error.suggestions.join(' ')).to.match(/run the same svcforge command again as root/);
    expect(services()).to.deep.equal({});
  });
});
