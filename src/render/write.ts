/**
 * Writes a bundle atomically: everything goes to a temporary sibling folder, which
 * then replaces the target in one rename. A failure at any point leaves the
 * previous bundle as it was.
 *
 * The calls are synchronous on purpose: a bundle is some fifty small files, and
 * each awaited call would cost a round trip through libuv's thread pool.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { Bundle } from './bundle.js';

export interface WriteOptions {
  force?: boolean;
}

export async function writeBundle(bundle: Bundle, outDir: string, options: WriteOptions = {}): Promise<string> {
  const target = resolve(outDir);
  const existing = inspectTarget(target);
  if (existing === 'foreign' && !options.force) {
    throw new SvcforgeError(`${outDir} is not empty and was not written by svcforge render`, 'OUT_DIR_NOT_EMPTY', ExitCode.invalid, [
      `choose an empty or new folder, or pass --force to replace ${outDir} entirely`,
    ]);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.svcforge-`));
  try {
    const folders = new Set([staging]);
    for (const [name, content] of [...bundle.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const path = join(staging, ...name.split('/'));
      if (!folders.has(dirname(path))) {
        mkdirSync(dirname(path), { recursive: true });
        folders.add(dirname(path));
      }
      writeFileSync(path, content);
    }
    if (existing === 'missing') {
      renameSync(staging, target);
    } else {
      const previous = `${staging}.previous`;
      renameSync(target, previous);
      try {
        renameSync(staging, target);
      } catch (error) {
        renameSync(previous, target);
        throw error;
      }
      rmSync(previous, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof SvcforgeError) throw error;
    throw new SvcforgeError(`could not write ${outDir}: ${(error as Error).message}`, 'WRITE_FAILED', ExitCode.failed, [
      'check that the folder is writable and the disk has room; the previous bundle, if any, is unchanged',
    ]);
  }
  return target;
}

type TargetState = 'missing' | 'empty' | 'ours' | 'foreign';

function inspectTarget(target: string): TargetState {
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'foreign';
    throw error;
  }
  if (entries.length === 0) return 'empty';
  try {
    const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as { generator?: { name?: string } };
    return manifest.generator?.name === 'svcforge' ? 'ours' : 'foreign';
  } catch {
    return 'foreign';
  }
}
