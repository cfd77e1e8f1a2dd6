/**
 * Why src/exec/session.ts does not use node-powershell: this probe runs node-powershell
 * 5.0.1 (child-shell 5) against the same pwsh and prints what it does in the three
 * situations the session must handle. Writes bench/session/node-powershell-probe.md.
 *
 * Run: npx tsx bench/session/node-powershell-probe.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PowerShell } from 'node-powershell';
import { findShell } from '../../src/exec/shell.js';

const shell = findShell().path;
const findings: string[] = [];
const note = (line: string): void => {
  findings.push(line);
  console.log(line);
};
const crashes: string[] = [];
process.on('uncaughtException', (error) => crashes.push(`uncaughtException ${error.name}: ${error.message || '(empty message)'}`));
process.on('unhandledRejection', (error) => crashes.push(`unhandledRejection ${(error as Error).name}: ${(error as Error).message || '(empty message)'}`));
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const open = (options: Record<string, unknown> = {}): PowerShell =>
  new PowerShell({ executable: shell, executableOptions: { '-NoProfile': true, '-NonInteractive': true }, ...options } as ConstructorParameters<
    typeof PowerShell
  >[0]);
const pidOf = (ps: PowerShell): number => (ps as unknown as { process: { pid: number } }).process.pid;

{
  const ps = open();
  await ps.invoke('1');
  const started = Date.now();
  const pending = ps.invoke('Start-Sleep -Seconds 20; "done"');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  process.kill(pidOf(ps), 'SIGTERM');
  try {
    const result = await pending;
    note(
      `1. pwsh killed with SIGTERM 1.5 s into a 20 s command: invoke() RESOLVED after ${Date.now() - started} ms with hadErrors=${result.hadErrors}, raw=${JSON.stringify(result.raw)} (a dead step looks like a success)`,
    );
  } catch (error) {
    note(`1. pwsh killed with SIGTERM mid-command: invoke() rejected after ${Date.now() - started} ms: ${(error as Error).message}`);
  }
}

{
  const ps = open({ invocationTimeout: 1000 });
  await ps.invoke('1').catch(() => undefined);
  const started = Date.now();
  try {
    await ps.invoke('Start-Sleep -Seconds 3; "late"');
    note('2. a 3 s command with invocationTimeout 1000 resolved');
  } catch (error) {
    note(
      `2. a 3 s command with invocationTimeout 1000 (one value for the whole shell, not per command) rejected after ${Date.now() - started} ms: ${(error as Error).name} ${JSON.stringify((error as Error).message)}`,
    );
  }
  note(`   after that timeout the pwsh process is ${alive(pidOf(ps)) ? 'still alive, still running the timed-out command' : 'gone'}`);
  try {
    const next = await ps.invoke('"next"');
    note(`   the next invoke returned raw=${JSON.stringify(next.raw)}`);
  } catch (error) {
    note(`   the next invoke rejected: ${(error as Error).name} ${JSON.stringify((error as Error).message)}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  note(`   errors nobody could catch by then: ${crashes.length ? crashes.join('; ') : 'none'}`);
  await ps.dispose().catch(() => undefined);
}

{
  const ps = open();
  const result = await ps.invoke('Write-Host "checking the service"; \'{"step":"service","status":"changed"}\'');
  note(`3. Write-Host plus one JSON line: raw=${JSON.stringify(result.raw)} (host text and data in one string: the caller would have to scrape)`);
  await ps.dispose().catch(() => undefined);
}

writeFileSync(
  path.join(import.meta.dirname, 'node-powershell-probe.md'),
  [
    '# node-powershell 5.0.1 against the session requirements',
    '',
    `Written by \`npx tsx bench/session/node-powershell-probe.ts\` on ${new Date().toISOString()} with ${shellForResults()}.`,
    '',
    ...findings.map((line) => (line.startsWith('   ') ? `   ${line.trim()}` : line)),
    '',
  ].join('\n'),
);
process.exit(0);

/** Results files name paths relative to the repository, so they read the same on every machine. */
function shellForResults(): string {
  const relative = path.relative(path.join(import.meta.dirname, '..', '..'), shell);
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(shell) : relative;
}
