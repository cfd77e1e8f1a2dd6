/**
 * Writes a bundle atomically: everything goes to a temporary sibling folder, which
 * then replaces the target in one rename. A failure at any point leaves the
 * previous bundle as it was.
 */
import { mkdtemp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { Bundle } from './bundle.js';

export interface WriteOptions {
  force?: boolean;
}

export async function writeBundle(bundle: Bundle, outDir: string, options: WriteOptions = {}): Promise<string> {
  const target = resolve(outDir);
  const existing = await inspectTarget(target);
  if (existing === 'foreign' && !options.force) {
    throw new SvcforgeError(`${outDir} is not empty and was not written by svcforge render`, 'OUT_DIR_NOT_EMPTY', ExitCode.invalid, [
      `choose an empty or new folder, or pass --force to replace ${outDir} entirely`,
    ]);
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.svcforge-`));
  try {
    for (const [name, content] of [...bundle.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const path = join(staging, ...name.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    if (existing === 'missing') {
      await rename(staging, target);
    } else {
      const previous = `${staging}.previous`;
      await rename(target, previous);
      try {
        await rename(staging, target);
      } catch (error) {
        await rename(previous, target);
        throw error;
      }
      await rm(previous, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof SvcforgeError) throw error;
    throw new SvcforgeError(`could not write ${outDir}: ${(error as Error).message}`, 'WRITE_FAILED', ExitCode.failed, [
      'check that the folder is writable and the disk has room; the previous bundle, if any, is unchanged',
    ]);
  }
  return target;
}

type TargetState = 'missing' | 'empty' | 'ours' | 'foreign';

async function inspectTarget(target: string): Promise<TargetState> {
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'foreign';
    throw error;
  }
  if (entries.length === 0) return 'empty';
  try {
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as { generator?: { name?: string } };
    return manifest.generator?.name === 'svcforge' ? 'ours' : 'foreign';
  } catch {
    return 'foreign';
  }
}
