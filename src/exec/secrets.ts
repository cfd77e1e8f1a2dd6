/**
 * The spec's secrets at apply time: each value comes from the caller's environment
 * (NAME=value) or a hidden prompt, is encrypted on this machine by the package's
 * svcforge-host.exe (`protect`, DPAPI machine scope, the value on stdin), and only the
 * resulting blobs go on to the PowerShell session. A value is never logged, put in a
 * record or an error, passed on a command line or written to a file.
 *
 * Idempotency: a DPAPI blob differs on every `protect`, so a stored blob is kept when
 * `protect --verify` says it still holds the value, and only missing or changed names
 * are encrypted again.
 */
import { spawn } from 'node:child_process';
import { ExitCode, SvcforgeError } from '../errors.js';
import { hiddenPrompt } from './prompt.js';

/** How to run a Windows executable on this machine: SVCFORGE_EXE_LAUNCHER (e.g. `wine`), else directly. */
export const exeLauncherVariable = 'SVCFORGE_EXE_LAUNCHER';

export interface SecretSource {
  env: NodeJS.ProcessEnv;
  /** a terminal to ask in; undefined when there is none */
  prompt?: (name: string) => Promise<string>;
}

/** A hidden prompt for a secret's value, or undefined without a terminal. */
export function terminalPrompt(): SecretSource['prompt'] {
  return hiddenPrompt((name: string) => `Value of secret ${name} (input hidden)`);
}

/** name -> value for every name: the environment first, then the prompt; exit 2 naming what has no value. */
export async function collectSecretValues(names: readonly string[], source: SecretSource): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    const fromEnv = source.env[name];
    if (fromEnv !== undefined && fromEnv !== '') {
      values.set(name, fromEnv);
      continue;
    }
    if (source.prompt) {
      const typed = await source.prompt(name);
      if (typed !== '') {
        values.set(name, typed);
        continue;
      }
    }
    missing.push(name);
  }
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new SvcforgeError(`no value for secret${missing.length > 1 ? 's' : ''} ${list}`, 'SECRET_MISSING', ExitCode.invalid, [
      `set ${missing.map((name) => `${name}=...`).join(' ')} in the environment of svcforge apply, or run it in a terminal to be asked (input hidden)`,
    ]);
  }
  return values;
}

/** The command that runs `exe`: SVCFORGE_EXE_LAUNCHER's words first when set. */
export function exeCommand(exe: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): [string, string[]] {
  const launcher = (env[exeLauncherVariable] ?? '').trim().split(/\s+/).filter(Boolean);
  if (launcher.length === 0) return [exe, [...args]];
  return [launcher[0]!, [...launcher.slice(1), exe, ...args]];
}

interface HostRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runHost(hostExe: string, args: readonly string[], input: string, timeoutMs = 120_000): Promise<HostRun> {
  const [command, commandArgs] = exeCommand(hostExe, args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new SvcforgeError(`cannot run ${command}: ${error.message}`, 'SECRET_PROTECT_FAILED', ExitCode.environment, [
          process.platform === 'win32'
            ? 'reinstall svcforge: its svcforge-host.exe is missing'
            : `set ${exeLauncherVariable} to how Windows executables run on this machine (tests use wine), or run svcforge apply on the Windows server`,
        ]),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input, 'utf8');
  });
}

/** Encrypts one value with `svcforge-host.exe protect` (stdin); returns the base64 blob. */
export async function protectSecret(hostExe: string, name: string, value: string): Promise<string> {
  const run = await runHost(hostExe, ['protect'], `${value}\n`);
  const blob = run.stdout.trim();
  if (run.code !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) {
    throw new SvcforgeError(
      `svcforge-host.exe protect failed for secret ${name} (exit ${run.code ?? 'killed'}): ${run.stderr.trim().slice(0, 500)}`,
      'SECRET_PROTECT_FAILED',
      ExitCode.failed,
    );
  }
  return blob;
}

/** Whether `blob` decrypts on this machine to exactly `value` (`protect --verify`). */
export async function secretMatches(hostExe: string, blob: string, value: string): Promise<boolean> {
  const run = await runHost(hostExe, ['protect', '--verify'], `${blob}\n${value}\n`);
  return run.code === 0;
}

/** name -> blob: the stored blob where it still holds the value, a new one otherwise. */
export async function secretEntries(
  hostExe: string,
  values: ReadonlyMap<string, string>,
  stored: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const [name, value] of values) {
    const old = Object.hasOwn(stored, name) ? stored[name] : undefined;
    entries[name] = old !== undefined && (await secretMatches(hostExe, old, value)) ? old : await protectSecret(hostExe, name, value);
  }
  return entries;
}
