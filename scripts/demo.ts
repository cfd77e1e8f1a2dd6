/**
 * The README's main job (`npm run demo`, which builds first): day 1, deploy the Gin example
 * with `svcforge apply` and show it serving, then stop and remove it; day 2, build releases
 * 1.0.0 and 2.0.0 of it with `svcforge build`, deploy them, then a broken 3.0.0 (its /health
 * answers 503) that the health gate rolls back by itself, and print `svcforge releases`.
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
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrefix, ginExe, httpGet, linuxPath, repoRoot, run, waitFor, winePrefix } from '../test/support/wine.js';

const spec = path.join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
const bin = path.join(repoRoot, 'bin', 'run.js');
const onWindows = process.platform === 'win32';

function say(message: string): void {
  process.stdout.write(`demo: ${message}\n`);
}

function svcforge(env: NodeJS.ProcessEnv, ...args: string[]): { stdout: string; stderr: string; summary: string } {
  return svcforgeExpecting(0, env, ...args);
}

function svcforgeExpecting(status: number, env: NodeJS.ProcessEnv, ...args: string[]): { stdout: string; stderr: string; summary: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, env, encoding: 'utf8', input: '' });
  if (result.status !== status) throw new Error(`svcforge ${args.join(' ')} exited ${result.status} (expected ${status}):\n${result.stdout}${result.stderr}`);
  // The summary line ("apply gin-hello: done (...)") is the last line of stderr.
  const summary = (result.stderr.trim() || result.stdout.trim()).split('\n').pop() ?? '';
  return { stdout: result.stdout, stderr: result.stderr, summary };
}

/** Day 2: releases built by svcforge build, deployed behind the health gate, a broken one rolled back. */
async function dayTwo(env: NodeJS.ProcessEnv): Promise<void> {
  const releaseSpec = path.join(repoRoot, 'examples', 'gin-hello', 'svcforge.release.yaml');
  const work = mkdtempSync(path.join(tmpdir(), 'svcforge-demo-releases-'));
  const buildEnv = { ...env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode' };
  const dist = path.join(work, 'dist');
  try {
    for (const version of ['1.0.0', '2.0.0']) {
      say(`svcforge build ${path.relative(repoRoot, releaseSpec)} --version ${version}`);
      say(svcforge(buildEnv, 'build', releaseSpec, '--version', version, '--out', dist).stdout.split('\n')[0]!);
    }
    // 3.0.0 is the same program with a bug: its /health answers 503.
    const broken = path.join(work, 'broken');
    cpSync(path.dirname(releaseSpec), broken, { recursive: true, filter: (source) => !source.includes(`${path.sep}dist`) });
    const main = path.join(broken, 'main.go');
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace('c.JSON(http.StatusOK, gin.H{"status": "ok"', 'c.JSON(http.StatusServiceUnavailable, gin.H{"status": "broken"'),
    );
    say('svcforge build of a broken 3.0.0 (its /health answers 503)');
    say(svcforge(buildEnv, 'build', releaseSpec, '--go', broken, '--version', '3.0.0', '--out', dist).stdout.split('\n')[0]!);
    for (const version of ['1.0.0', '2.0.0']) {
      say(`svcforge deploy gin-hello-${version}.zip`);
      say(svcforge(env, 'deploy', path.join(dist, `gin-hello-${version}.zip`), releaseSpec).summary);
      const answer = await httpGet('http://127.0.0.1:8080/version');
      say(`GET /version -> ${answer.status} ${answer.body.trim()}`);
    }
    say('svcforge deploy gin-hello-3.0.0.zip (expect the gate to fail and a rollback to 2.0.0, exit 1)');
    const failed = svcforgeExpecting(1, env, 'deploy', path.join(dist, 'gin-hello-3.0.0.zip'), releaseSpec);
    for (const line of failed.stderr.split('\n').filter((text) => /^(error|hint): |^ {2}(release|\d)/.test(text))) say(line);
    const answer = await httpGet('http://127.0.0.1:8080/version');
    say(`GET /version -> ${answer.status} ${answer.body.trim()}`);
    say('svcforge releases:');
    process.stdout.write(svcforge(env, 'releases', releaseSpec).stdout);
  } finally {
    say(svcforge(env, 'uninstall', releaseSpec, '--purge').summary);
    rmSync(work, { recursive: true, force: true });
  }
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
  }
  try {
    await dayTwo(env);
  } finally {
    if (state) rmSync(state, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exit(1);
});
