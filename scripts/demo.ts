/**
 * The README's main job: build, render the Gin example's bundle, and run it as a
 * real service under Wine's Service Control Manager, then ask it for /health and
 * print the supervisor's status file.
 *
 * Until `svcforge apply` runs install.ps1 itself (issue 5), this script does the
 * file-placing part of install.ps1 by hand: it copies the bundle's files to the
 * paths the bundle names (inside the Wine prefix) and registers the service with
 * the exact binary path the bundle's install.ps1 would give the SCM.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ensurePrefix,
  ginExe,
  httpGet,
  linuxPath,
  repoRoot,
  run,
  startService,
  stopService,
  waitFor,
  createService,
  deleteService,
  queryState,
} from '../test/support/wine.js';

const bundleDir = path.join(repoRoot, 'demo', 'bundle');
const spec = path.join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');

function step(message: string): void {
  process.stdout.write(`demo: ${message}\n`);
}

function confValue(conf: string, key: string): string {
  const line = conf.split(/\r?\n/).find((text) => text.startsWith(`${key} = `));
  if (!line) throw new Error(`svcforge-host.conf has no ${key}`);
  return line.slice(key.length + 3);
}

async function main(): Promise<void> {
  step('building the Gin example (GOOS=windows)');
  await run('bash', [path.join(repoRoot, 'examples', 'gin-hello', 'build.sh')], { timeoutMs: 300_000, check: true });
  step(`rendering ${path.relative(repoRoot, spec)} into demo/bundle`);
  await run(process.execPath, [path.join(repoRoot, 'bin', 'run.js'), 'render', spec, '--out', bundleDir, '--force'], { timeoutMs: 60_000, check: true });

  step('preparing the Wine prefix (real SCM)');
  await ensurePrefix();
  const conf = readFileSync(path.join(bundleDir, 'svcforge-host.conf'), 'utf8');
  const install = readFileSync(path.join(bundleDir, 'install.ps1'), 'utf8');
  const binaryPath = /-BinaryPath '((?:[^']|'')*)'/.exec(install)![1]!.replaceAll("''", "'");
  const hostExe = /"([^"]+svcforge-host\.exe)"/.exec(binaryPath)![1]!;
  const confPath = /service "([^"]+)"/.exec(binaryPath)![1]!;
  const program = confValue(conf, 'program');

  step(`placing files where the bundle puts them: ${program}, ${hostExe}, ${confPath}`);
  for (const [source, target] of [
    [ginExe, program],
    [path.join(bundleDir, 'svcforge-host.exe'), hostExe],
    [path.join(bundleDir, 'svcforge-host.conf'), confPath],
  ] as const) {
    mkdirSync(path.dirname(linuxPath(target)), { recursive: true });
    copyFileSync(source, linuxPath(target));
  }

  const name = confValue(conf, 'name');
  if (await queryState(name)) {
    await stopService(name).catch(() => undefined);
    await deleteService(name);
  }
  step(`registering service ${name}: ${binaryPath}`);
  await createService(name, binaryPath);
  try {
    await startService(name);
    const url = confValue(conf, 'health_http');
    const health = await waitFor(
      async () => {
        const answer = await httpGet(url).catch(() => undefined);
        return answer?.status === 200 ? answer : undefined;
      },
      { timeoutMs: 60_000, what: `GET ${url} to answer 200` },
    );
    step(`GET ${url} -> ${health.status} ${health.body.trim()}`);
    const statusFile = linuxPath(confValue(conf, 'status_file'));
    const status = await waitFor(
      () => {
        try {
          const parsed = JSON.parse(readFileSync(statusFile, 'utf8')) as { state?: string };
          return parsed.state === 'running' ? parsed : undefined;
        } catch {
          return undefined;
        }
      },
      { timeoutMs: 30_000, what: 'the status file to say running' },
    );
    step(`status: ${JSON.stringify(status)}`);
  } finally {
    step(`stopping ${name} (Ctrl+C to Gin, graceful drain)`);
    await stopService(name).catch((error: Error) => step(`stop failed: ${error.message}`));
    await deleteService(name).catch(() => undefined);
    const outLog = linuxPath(`${confValue(conf, 'log_dir')}\\${confValue(conf, 'log_stdout')}`);
    const tail = readFileSync(outLog, 'utf8').trim().split(/\r?\n/).slice(-3).join('\n');
    step(`last lines of ${path.basename(outLog)}:\n${tail}`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exit(1);
});
