/** The project-local PowerShell 7 that scripts/setup.sh installs, for tests. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');
export const pwshPath = process.env.SVCFORGE_PWSH ?? join(repoRoot, '.tools', 'pwsh', 'pwsh');

export function havePwsh(): boolean {
  return existsSync(pwshPath);
}

export interface PwshRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a .ps1 file with arguments in a fresh pwsh; throws if pwsh cannot start. */
export function runPwshFile(file: string, args: string[] = [], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): PwshRun {
  const result = spawnSync(pwshPath, ['-NoProfile', '-NonInteractive', '-File', file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    input: options.input,
    cwd: options.cwd,
    maxBuffer: 512 * 1024 * 1024,
    timeout: 300_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const psTool = (name: string): string => join(import.meta.dirname, 'ps', name);
