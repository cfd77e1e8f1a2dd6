/**
 * Reads a spec file's bytes into text, refusing what would be slow or wrong to
 * parse: a file too large to be a service spec, and UTF-16 without a byte-order
 * mark (its encoding is a guess; Windows PowerShell 5.1 writes it with `>`).
 */
import { open } from 'node:fs/promises';
import { ExitCode, SvcforgeError } from '../errors.js';

/** A service spec is a few kilobytes; this is far past any real one and far below what hurts the parser. */
export const maxSpecBytes = 1024 * 1024;

export async function readSpecFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxSpecBytes) throw tooLarge(file, size);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SvcforgeError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new SvcforgeError(`${file} ${reason}`, 'SPEC_NOT_FOUND', ExitCode.invalid, [
      'create one with `svcforge init`, or pass the path: `svcforge validate path/to/svcforge.yaml`',
    ]);
  }
  // the size can grow between stat and read
  if (bytes.length > maxSpecBytes) throw tooLarge(file, bytes.length);
  return decodeSpecBytes(bytes, file);
}

export function decodeSpecBytes(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return swapBytes(bytes.subarray(2)).toString('utf16le');
  const endian = utf16WithoutBom(bytes);
  if (endian) {
    throw new SvcforgeError(
      `${file} looks like UTF-16 (${endian}) without a byte-order mark, so its encoding cannot be known for certain`,
      'SPEC_ENCODING',
      ExitCode.invalid,
      ['save it as UTF-8: Windows PowerShell 5.1 writes UTF-16 with `>` and `Out-File`; use `Out-File -Encoding utf8` or `Set-Content -Encoding utf8` instead'],
    );
  }
  return bytes.toString('utf8');
}

/** ASCII text in UTF-16 has a zero in every other byte; YAML text in UTF-8 has none. */
function utf16WithoutBom(bytes: Buffer): 'little-endian' | 'big-endian' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample.length; index += 2) {
    if (sample[index] === 0) evenZeros += 1;
    if (sample[index + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  if (oddZeros >= pairs / 2 && evenZeros === 0) return 'little-endian';
  if (evenZeros >= pairs / 2 && oddZeros === 0) return 'big-endian';
  return undefined;
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  return copy.swap16();
}

function tooLarge(file: string, size: number): SvcforgeError {
  return new SvcforgeError(
    `${file} is ${size} bytes; a spec file may be at most ${maxSpecBytes} bytes (1 MiB), so it was not parsed`,
    'SPEC_TOO_LARGE',
    ExitCode.invalid,
    ['check that the path names your svcforge.yaml; a service spec is a few kilobytes'],
  );
}
