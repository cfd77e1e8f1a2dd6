/**
 * The README's main job (`npm run demo`, which builds first): deploy the Gin example with
 * `svcforge apply` and show it serving, then stop and remove it.
 *
 * On Windows this is a real install (run it elevated). On Linux it runs the same CLI and
 * the same SvcForge PowerShell module in pwsh, against a real Windows Service Control
 * Manager: Wine's. What stands in for Windows there, honestly:
 *   - the test shim (test/shim, wine mode) defines the Windows-only cmdlets (New-Service,
 *     Get-CimInstance, Get-NetTCPConnection, ...) and forwards the service ones to Wine's SCM,
 *     so svcforge-host.exe and gin-hello.exe really run as a service and really answer HTTP;
 *   - firewall rules and ACLs are a file-backed record in the shim's state directory: no
 *     firewall or ACL is enforced;
 *   - delayed start, recovery actions, the failure flag and the SID type are kept in that
 *     state too (Wine 8 cannot hold them), and Wine runs the service as the prefix user,
 *     whatever account the spec names.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrefix, ginExe, httpGet, linuxPath, repoRoot, run, waitFor, winePrefix } from '../test/support/wine.js';

const spec = path.join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
const bin = path.join(repoRoot, 'bin', 'run.js');
const onWindows = process.platform === 'win32';

function say(message: string): void {
  process.stdout.write(`demo: ${message}\n`);
}

function svcforge(env: NodeJS.ProcessEnv, ...args: string[]): { stdout: string; summary: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, env, encoding: 'utf8', input: '' });
  if (result.status !== 0) throw new Error(`svcforge ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  // The summary line ("apply gin-hello: done (...)") is the last line of stderr.
  const summary = (result.stderr.trim() || result.stdout.trim()).split('\n').pop() ?? '';
  return { stdout: result.stdout, summary };
}

async function main(): Promise<void> {
  say('building the Gin example (GOOS=windows)');
  await run('bash', [path.join(repoRoot, 'examples', 'gin-hello', 'build.sh')], { timeoutMs: 300_000, check: true });

  let env: NodeJS.ProcessEnv = { ...process.env };
  let state: string | undefined;
  if (!onWindows) {
    say(`preparing the Wine prefix ${winePrefix} (real SCM)`);
    await ensurePrefix();
    state = mkdtempSync(path.join(tmpdir(), 'svcforge-demo-'));
    env = {
      ...process.env,
      PATH: `${path.join(repoRoot, '.tools', 'pwsh')}${path.delimiter}${process.env.PATH ?? ''}`,
      SVCFORGE_SHIM: 'wine',
      SVCFORGE_SHIM_STATE: state,
      SVCFORGE_SESSION_PRELOAD: path.join(repoRoot, 'test', 'shim', 'SvcForgeShim.psm1'),
      SVCFORGE_WINEPREFIX: winePrefix,
      WINEPREFIX: winePrefix,
      WINEDEBUG: '-all',
    };
  }
  // Put the program where the spec says, as an operator deploys it before apply.
  const programPath = 'C:\\apps\\gin-hello\\current\\gin-hello.exe';
  const program = onWindows ? programPath : linuxPath(programPath);
  mkdirSync(path.dirname(program), { recursive: true });
  copyFileSync(ginExe, program);
  try {
    say(`svcforge apply ${path.relative(repoRoot, spec)}`);
    say(svcforge(env, 'apply', spec).summary);
    const health = await waitFor(
      async () => {
        const answer = await httpGet('http://127.0.0.1:8080/health').catch(() => undefined);
        return answer?.status === 200 ? answer : undefined;
      },
      { timeoutMs: 60_000, what: 'GET http://127.0.0.1:8080/health to answer 200' },
    );
    say(`GET /health -> ${health.status} ${health.body.trim()}`);
    say('svcforge status:');
    process.stdout.write(svcforge(env, 'status', spec).stdout);
  } finally {
    say(svcforge(env, 'stop', spec).summary);
    say(svcforge(env, 'uninstall', spec, '--purge').summary);
    if (state) rmSync(state, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exit(1);
});
