/** The spec's release.assets globs -> the files they name, relative to the spec's folder. */
import { glob } from 'tinyglobby';

/** Release-relative paths (forward slashes), sorted ordinally, without duplicates. */
export async function findAssets(specDir: string, patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const files = await glob([...patterns], { cwd: specDir, onlyFiles: true, dot: true, followSymbolicLinks: false, expandDirectories: false });
  return [...new Set(files)].sort(ordinal);
}

export function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
