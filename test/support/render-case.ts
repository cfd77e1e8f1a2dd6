/** Renders a spec file the way `svcforge render` does, with a fixed stand-in for svcforge-host.exe. */
import { dirname, join } from 'node:path';
import { bundleFor, planFromFile } from '../../src/pipeline.js';
import type { Bundle } from '../../src/render/bundle.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const goldenRoot = join(repoRoot, 'test', 'golden');
export const fakeHostExe = join(goldenRoot, 'fake-svcforge-host.exe');

export async function renderSpecFile(file: string, options: { profile?: string; env?: Record<string, string> } = {}): Promise<Bundle> {
  const planned = await planFromFile(file, { profile: options.profile, env: options.env ?? {} });
  return bundleFor(planned, { profile: options.profile, outDir: join(dirname(file), 'bundle'), hostExe: fakeHostExe });
}

/** Files a golden case pins: everything but the PowerShell module, which has its own tests. */
export function pinnedFiles(bundle: Bundle): Map<string, string> {
  const pinned = new Map<string, string>();
  for (const [name, content] of bundle) {
    if (name.startsWith('SvcForge/')) continue;
    if (name === 'manifest.json') {
      const manifest = JSON.parse(content.toString('utf8')) as { files: { name: string }[] };
      manifest.files = manifest.files.filter((file) => !file.name.startsWith('SvcForge/'));
      pinned.set(name, `${JSON.stringify(manifest, null, 2)}\n`);
    } else {
      pinned.set(name, content.toString('utf8'));
    }
  }
  return pinned;
}
