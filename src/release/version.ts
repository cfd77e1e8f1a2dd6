/** The one rule for a release version: it names a folder on the Windows host (releases\<version>). */
const versionPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const reservedDeviceName = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$/i;

/** Why `version` cannot name a release, or undefined when it can. */
export function releaseVersionProblem(version: string): string | undefined {
  if (!versionPattern.test(version)) {
    return `version ${JSON.stringify(version)} must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit`;
  }
  if (version.endsWith('.')) return `version ${JSON.stringify(version)} must not end in "." (Windows drops it from folder names)`;
  if (reservedDeviceName.test(version)) return `version ${JSON.stringify(version)} is a Windows reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)`;
  return undefined;
}
