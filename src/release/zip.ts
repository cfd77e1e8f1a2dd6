/**
 * Writes a release zip per the release contract: release.json first, then the files
 * sorted by path, every entry with the same time, mode and compression, so the same
 * inputs give the same bytes. Written to a temp file and renamed into place.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  path: string;
  data: Buffer;
}

export async function writeZipAtomically(zipPath: string, entries: readonly ZipEntry[], builtAt: Date): Promise<void> {
  const zip = new ZipFile();
  // DOS timestamps are local time; shifting by the zone offset stores the UTC wall clock
  // so the bytes do not depend on the builder's time zone.
  const mtime = new Date(builtAt.getTime() + builtAt.getTimezoneOffset() * 60_000);
  for (const entry of entries) {
    zip.addBuffer(entry.data, entry.path, { mtime, mode: 0o100644, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  const temp = `${zipPath}.tmp-${process.pid}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(temp);
      zip.outputStream.on('error', reject);
      out.on('error', reject);
      out.on('close', () => resolve());
      zip.outputStream.pipe(out);
    });
    await rename(temp, zipPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
