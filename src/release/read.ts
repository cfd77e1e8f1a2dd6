/** Reads a release zip back: its entries and its parsed release.json. */
import { fromBuffer, type Entry } from 'yauzl';
import { readFile } from 'node:fs/promises';
import { manifestName, type ReleaseManifest } from './manifest.js';

export interface ReleaseZipEntry {
  path: string;
  size: number;
  compressedSize: number;
  data: Buffer;
}

export interface ReleaseZip {
  entries: ReleaseZipEntry[];
  /** undefined when the zip has no release.json */
  manifest?: ReleaseManifest;
}

export async function readRelease(zipPath: string): Promise<ReleaseZip> {
  const buffer = await readFile(zipPath);
  const entries = await new Promise<ReleaseZipEntry[]>((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const found: ReleaseZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(found));
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            found.push({ path: entry.fileName, size: entry.uncompressedSize, compressedSize: entry.compressedSize, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
  const manifestEntry = entries.find((entry) => entry.path === manifestName);
  const manifest = manifestEntry ? (JSON.parse(manifestEntry.data.toString('utf8')) as ReleaseManifest) : undefined;
  return { entries, manifest };
}
