/** What git knows about the project folder; every answer may be absent (not a repository, no git). */
import { spawnSync } from 'node:child_process';

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.status !== 0) return undefined;
  const out = result.stdout.trim();
  return out === '' ? undefined : out;
}

export const gitDescribe = (cwd: string): string | undefined => git(cwd, ['describe', '--tags', '--always', '--dirty']);
export const gitCommit = (cwd: string): string | null => git(cwd, ['rev-parse', 'HEAD']) ?? null;

/** The last commit's time in seconds since the epoch. */
export function gitCommitTime(cwd: string): number | undefined {
  const out = git(cwd, ['log', '-1', '--format=%ct']);
  return out !== undefined && /^\d+$/.test(out) ? Number(out) : undefined;
}
