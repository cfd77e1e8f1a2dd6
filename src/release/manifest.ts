/** release.json: the contract's description of a release zip's contents. */
import { createHash } from 'node:crypto';

export interface ReleaseFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ReleaseManifest {
  schemaVersion: 1;
  name: string;
  version: string;
  commit: string | null;
  builtAt: string;
  program: string;
  files: ReleaseFile[];
}

export const manifestName = 'release.json';

export function describeFile(path: string, data: Buffer): ReleaseFile {
  return { path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

export function manifestText(manifest: ReleaseManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** 2026-12-05T09:00:00Z: whole seconds, as SOURCE_DATE_EPOCH gives them. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
