/** The stages commands chain: spec file -> Deployment -> Bundle -> files on disk. */
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { ExitCode, SvcforgeError } from './errors.js';
import type { Deployment } from './model/deployment.js';
import { deriveDeployment } from './model/derive.js';
import { packageVersion } from './package-info.js';
import { MissingHostError, renderBundle, type Bundle } from './render/bundle.js';
import { loadSpecFile, type LoadOptions } from './spec-file/load.js';
import type { Spec } from './spec-file/schema.js';

export interface Planned {
  file: string;
  spec: Spec;
  deployment: Deployment;
}

export async function planFromFile(file: string, options: LoadOptions = {}): Promise<Planned> {
  const loaded = await loadSpecFile(file, options);
  return { file, spec: loaded.spec, deployment: deriveDeployment(loaded.spec) };
}

export interface BundleRequest {
  profile?: string;
  outDir: string;
  hostExe?: string;
}

/**
 * The --out folder as the header's regenerate command names it: relative to the spec's
 * folder, where that command runs, so the same spec gives the same bytes from any current
 * folder (absolute when it lies outside that folder). A drive or UNC path (apply's bundle
 * folder on the Windows host) stays as written.
 */
function outDirFromSpecFolder(specFile: string, outDir: string): string {
  if (/^(?:[A-Za-z]:[\\/]|\\\\)/.test(outDir)) return outDir;
  const fromSpec = relative(dirname(resolve(specFile)), resolve(outDir));
  // outside the spec's folder a climb like ../../../tmp/x says less than the absolute path
  if (fromSpec.startsWith('..') || isAbsolute(fromSpec)) return resolve(outDir).replaceAll('\\', '/');
  return fromSpec.replaceAll('\\', '/') || '.';
}

export function bundleFor(planned: Planned, request: BundleRequest): Bundle {
  // Named by its file name alone: the header says to run the command in the spec's folder.
  const specFile = basename(planned.file);
  const outDir = outDirFromSpecFolder(planned.file, request.outDir);
  const profileFlag = request.profile === undefined ? '' : ` --profile ${request.profile}`;
  try {
    return renderBundle(planned.deployment, {
      spec: planned.spec,
      hostExe: request.hostExe,
      generator: {
        version: packageVersion,
        specFile,
        profile: request.profile ?? null,
        command: `svcforge render ${specFile}${profileFlag} --out ${outDir}`,
      },
    });
  } catch (error) {
    if (error instanceof MissingHostError) {
      throw new SvcforgeError(`svcforge-host.exe is not built (looked for ${error.message})`, 'HOST_NOT_BUILT', ExitCode.environment, [
        'build it with `npm run build` (needs gcc-mingw-w64-x86-64), or choose `host: native` in the spec',
      ]);
    }
    throw error;
  }
}
