/**
 * The release.json of a zip `svcforge deploy` is given, read before a session opens so a
 * wrong zip exits 2 at once. Only that one entry is inflated; the host's verify step
 * (Test-SvcForgeRelease) checks every file against it before anything is written.
 */
import { open, type Entry, type ZipFile } from 'yauzl';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { Deployment } from '../model/deployment.js';
import { manifestName, type ReleaseManifest } from './manifest.js';
import { releaseVersionProblem } from './version.js';

const manifestMaxBytes = 16 * 1024 * 1024;

export async function readReleaseManifest(zipPath: string): Promise<ReleaseManifest> {
  const text = await readManifestEntry(zipPath).catch((error: Error) => {
    if (error instanceof SvcforgeError) throw error;
    throw invalid(zipPath, `is not a readable zip (${error.message})`);
  });
  let manifest: ReleaseManifest;
  try {
    manifest = JSON.parse(text) as ReleaseManifest;
  } catch (error) {
    throw invalid(zipPath, `has a release.json that is not JSON (${(error as Error).message})`);
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.schemaVersion !== 1) throw invalid(zipPath, 'has a release.json without schemaVersion 1');
  for (const field of ['name', 'version', 'program'] as const) {
    if (typeof manifest[field] !== 'string') throw invalid(zipPath, `has a release.json without ${field}`);
  }
  const versionProblem = releaseVersionProblem(manifest.version);
  if (versionProblem) throw invalid(zipPath, `release.json: ${versionProblem}`);
  return manifest;
}

/** Why this release cannot be deployed with this spec, or undefined. */
export function releaseSpecMismatch(manifest: ReleaseManifest, deployment: Deployment): string | undefined {
  if (manifest.name !== deployment.name) return `is a release of ${manifest.name}, not of ${deployment.name}`;
  const program = manifest.program.replaceAll('/', '\\').toLowerCase();
  if (deployment.release && program !== deployment.release.program.toLowerCase())
    return `runs ${manifest.program}, but the spec's program is ${deployment.release.program}; build it with this spec`;
  return undefined;
}

export function invalid(zipPath: string, what: string): SvcforgeError {
  return new SvcforgeError(`${zipPath} ${what}`, 'RELEASE_INVALID', ExitCode.invalid, [
    'build the release again with `svcforge build` and deploy the zip it writes; nothing was changed',
  ]);
}

function readManifestEntry(zipPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    open(zipPath, { lazyEntries: true, autoClose: true }, (openError, zip?: ZipFile) => {
      if (openError || !zip) return reject(openError ?? new Error('cannot open'));
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) reject(invalid(zipPath, `has no ${manifestName}: it was not made by \`svcforge build\``));
      });
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName !== manifestName) return zip.readEntry();
        found = true;
        if (entry.uncompressedSize > manifestMaxBytes) return reject(invalid(zipPath, `has a ${manifestName} over 16 MiB`));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('cannot read release.json'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.readEntry();
    });
  });
}
