/**
 * The release version in the exe's file properties: a VERSIONINFO resource compiled by
 * mingw's windres into a .syso, which `go build` links into a windows package.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';

export const windres = 'x86_64-w64-mingw32-windres';
export const sysoName = 'zz_svcforge_versioninfo_windows_amd64.syso';

/** 1.2.3 from v1.2.3-4-gabc: the numeric FILEVERSION Windows wants; 0.0.0.0 when there is none. */
export function numericVersion(version: string): [number, number, number, number] {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  const part = (text: string | undefined) => Math.min(Number(text ?? 0), 65535);
  return match ? [part(match[1]), part(match[2]), part(match[3]), part(match[4])] : [0, 0, 0, 0];
}

/** Version and name are safe by their own rules (no quotes, no backslashes), so they go in as is. */
export function versionInfoRc(name: string, program: string, version: string): string {
  const numbers = numericVersion(version).join(',');
  const file = program.split('/').pop() ?? program;
  return `1 VERSIONINFO
FILEVERSION ${numbers}
PRODUCTVERSION ${numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904b0"
    BEGIN
      VALUE "FileDescription", "${name}\\0"
      VALUE "FileVersion", "${version}\\0"
      VALUE "InternalName", "${name}\\0"
      VALUE "OriginalFilename", "${file}\\0"
      VALUE "ProductName", "${name}\\0"
      VALUE "ProductVersion", "${version}\\0"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
`;
}

/**
 * Writes the .syso into `packageDir` (a private copy of the sources). False when windres
 * is not installed: the exe is still good, only its file properties lack the version.
 */
export function writeVersionInfoSyso(packageDir: string, rc: string): boolean {
  const rcPath = join(packageDir, 'zz_svcforge_versioninfo.rc');
  writeFileSync(rcPath, rc);
  const result = spawnSync(windres, ['-O', 'coff', '-i', rcPath, '-o', join(packageDir, sysoName)], { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  if (result.status !== 0) {
    throw new SvcforgeError(`${windres} failed on the version resource:\n${`${result.stdout}${result.stderr}`.trim()}`, 'WINDRES_FAILED', ExitCode.failed);
  }
  return true;
}
