/**
 * Which PowerShell the session runs, decided once per CLI run, in this order:
 * `--shell PATH`, `SVCFORGE_SHELL`, the project-local `.tools/pwsh/pwsh` that
 * `bash scripts/setup.sh` installs, `pwsh` on PATH, and on Windows `powershell.exe`
 * (Windows PowerShell 5.1, which every Windows Server has). An explicit choice
 * (flag or env) that does not exist is an error, never silently replaced.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { ExitCode, SvcforgeError } from '../errors.js';
import { packageRoot } from '../package-info.js';

export type ShellSource = 'flag' | 'env' | 'project' | 'path' | 'windows-powershell';

export interface ShellChoice {
  /** absolute path of the executable */
  path: string;
  source: ShellSource;
  /** `pwsh` (PowerShell 7) or `powershell` (Windows PowerShell 5.1), from the file name */
  kind: 'pwsh' | 'powershell';
}

export interface FindShellOptions {
  /** the `--shell` flag value */
  shell?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** where `.tools/pwsh` is looked for; the package root by default */
  root?: string;
}

/** The `--shell` flag, for commands that run the session. */
export const shellFlag = Flags.string({
  description: 'PowerShell executable to run the steps with (default: SVCFORGE_SHELL, .tools/pwsh/pwsh, pwsh on PATH, powershell.exe on Windows)',
  helpValue: 'PATH',
});

export function findShell(options: FindShellOptions = {}): ShellChoice {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const windows = platform === 'win32';
  const root = options.root ?? packageRoot;
  const tried: string[] = [];

  const explicit = options.shell
    ? { value: options.shell, source: 'flag' as const, label: '--shell' }
    : env.SVCFORGE_SHELL
      ? { value: env.SVCFORGE_SHELL, source: 'env' as const, label: 'SVCFORGE_SHELL' }
      : undefined;
  if (explicit) {
    const found = resolveExecutable(explicit.value, env, windows);
    if (found) return choice(found, explicit.source);
    throw new SvcforgeError(`${explicit.label} ${explicit.value}: no such executable`, 'SHELL_NOT_FOUND', ExitCode.environment, [
      `point ${explicit.label} at a pwsh (PowerShell 7) or powershell.exe (Windows PowerShell 5.1) executable, or unset it to let svcforge look for one`,
    ]);
  }

  const local = join(root, '.tools', 'pwsh', windows ? 'pwsh.exe' : 'pwsh');
  tried.push(local);
  if (isExecutable(local, windows)) return choice(local, 'project');

  tried.push('pwsh on PATH');
  const onPath = searchPath('pwsh', env, windows);
  if (onPath) return choice(onPath, 'path');

  if (windows) {
    tried.push('powershell.exe on PATH and in System32');
    const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
    const builtIn =
      searchPath('powershell', env, windows) ??
      [join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')].find((p) => isExecutable(p, windows));
    if (builtIn) return choice(builtIn, 'windows-powershell');
  }

  throw new SvcforgeError(`no PowerShell found (tried ${tried.join(', ')})`, 'SHELL_NOT_FOUND', ExitCode.environment, [
    'install PowerShell 7 into the project with `bash scripts/setup.sh`',
    'or install it system-wide: https://learn.microsoft.com/powershell/scripting/install/installing-powershell',
    windows
      ? 'or use Windows PowerShell 5.1: --shell C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'
      : 'or give its path with --shell PATH or SVCFORGE_SHELL',
  ]);
}

function choice(path: string, source: ShellSource): ShellChoice {
  const base = path.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return { path, source, kind: base.startsWith('powershell') ? 'powershell' : 'pwsh' };
}

/** A value with a path separator is a path; a bare name is looked up on PATH. */
function resolveExecutable(value: string, env: NodeJS.ProcessEnv, windows: boolean): string | undefined {
  if (isAbsolute(value) || /[\\/]/.test(value)) {
    const full = resolve(value);
    return isExecutable(full, windows) ? full : undefined;
  }
  return searchPath(value, env, windows);
}

function searchPath(name: string, env: NodeJS.ProcessEnv, windows: boolean): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extensions = windows ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').map((e) => e.toLowerCase())] : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate, windows)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string, windows: boolean): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (!windows) accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
