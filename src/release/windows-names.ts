/**
 * Checks the paths of a release's files against what Windows can store, so a
 * zip that builds here also unpacks under <installDir>\releases\<version> there.
 */
const reservedDeviceName = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]|CONIN\$|CONOUT\$)(\..*)?$/i;
const forbiddenCharacter = /[<>:"|?*\\\u0000-\u001f]/;
/** MAX_PATH; the release root itself (C:\Program Files\svcforge\<name>\releases\<version>\) takes part of it. */
export const maxWindowsPath = 260;

/** Every problem with the release-relative paths (forward slashes), each naming the path. */
export function windowsPathProblems(paths: readonly string[], releaseRoot: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const path of paths) {
    for (const segment of path.split('/')) {
      const problem = segmentProblem(segment);
      if (problem) problems.push(`${path}: ${problem}`);
    }
    const full = `${releaseRoot}\\${path.replaceAll('/', '\\')}`;
    if (full.length > maxWindowsPath) {
      problems.push(`${path}: ${full.length} characters under ${releaseRoot} is over the Windows limit of ${maxWindowsPath}; shorten the path`);
    }
    const folded = path.toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined) problems.push(`${path}: differs from ${other} only in case; Windows sees one file`);
    else seen.set(folded, path);
  }
  return problems;
}

function segmentProblem(segment: string): string | undefined {
  if (segment.includes(':')) return `"${segment}" contains ":" (an NTFS alternate data stream); rename it`;
  const bad = forbiddenCharacter.exec(segment);
  if (bad) return `"${segment}" contains ${JSON.stringify(bad[0])}, which Windows forbids in file names; rename it`;
  if (segment.endsWith('.') || segment.endsWith(' ')) return `"${segment}" ends in a dot or space, which Windows drops; rename it`;
  if (reservedDeviceName.test(segment)) return `"${segment}" is a Windows reserved device name; rename it`;
  return undefined;
}
