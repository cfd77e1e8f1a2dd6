/**
 * `svcforge build`: spec + Go sources (or an exe) + asset globs -> dist/<name>-<version>.zip,
 * per /work/shared release contract (release.json first, files sorted, fixed times).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, SvcforgeError, usageError } from '../errors.js';
import type { Spec } from '../spec-file/schema.js';
import { findAssets, ordinal } from './assets.js';
import { gitCommit, gitCommitTime, gitDescribe } from './git.js';
import { goBuild, hasGoFiles } from './go.js';
import { describeFile, isoSeconds, manifestName, manifestText, type ReleaseFile, type ReleaseManifest } from './manifest.js';
import { releaseVersionProblem } from './version.js';
import { versionInfoRc } from './version-info.js';
import { windowsPathProblems } from './windows-names.js';
import { writeZipAtomically, type ZipEntry } from './zip.js';

export interface BuildOptions {
  specFile: string;
  spec: Spec;
  /** Go package folder; default: the spec's folder when it holds *.go files */
  goDir?: string;
  /** an existing exe collected as is instead of building */
  program?: string;
  version?: string;
  /** default: dist beside the spec */
  outDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface BuildResult {
  zip: string;
  version: string;
  commit: string | null;
  builtAt: string;
  files: ReleaseFile[];
  warnings: string[];
}

export async function buildRelease(options: BuildOptions): Promise<BuildResult> {
  const { spec } = options;
  const specDir = dirname(resolve(options.specFile));
  if (!spec.release) {
    throw usageError(
      `${options.specFile} has no release: block, so there is nothing to say what a release holds`,
      'add `release: { assets: [] }` (and globs of files to pack) to the spec, with program as the path inside the release, e.g. program: gin-hello.exe',
    );
  }
  const version = options.version ?? gitDescribe(specDir);
  if (version === undefined) {
    throw usageError(`no version: ${specDir} is not a git repository with commits`, 'pass one with --version, e.g. --version 1.2.0');
  }
  const versionProblem = releaseVersionProblem(version);
  if (versionProblem) throw usageError(versionProblem, 'pass a version that is a safe folder name with --version, e.g. --version 1.2.0');

  const programPath = spec.program.replaceAll('\\', '/');
  const assets = await findAssets(specDir, spec.release.assets);
  const paths = [programPath, ...assets.filter((asset) => asset !== programPath)];
  const releaseRoot = `${spec.installDir ?? `C:\\Program Files\\svcforge\\${spec.name}`}\\releases\\${version}`;
  const nameProblems = windowsPathProblems([...paths, manifestName], releaseRoot);
  if (paths.some((path) => path.toLowerCase() === manifestName))
    nameProblems.push(`${manifestName}: the name is reserved for the release description; rename the asset`);
  if (nameProblems.length > 0) {
    throw new SvcforgeError(`the release cannot be unpacked on Windows:\n${nameProblems.map((p) => `  ${p}`).join('\n')}`, 'RELEASE_NAMES', ExitCode.invalid, [
      'rename the files above or narrow release.assets; no zip was written',
    ]);
  }

  const env = options.env ?? process.env;
  const builtAt = buildTime(env, specDir);
  const outDir = resolve(options.outDir ?? join(specDir, 'dist'));
  const warnings: string[] = [];
  const programData = await programBytes(options, specDir, version, outDir, warnings);
  const entries: ZipEntry[] = [{ path: programPath, data: programData }];
  for (const asset of assets) if (asset !== programPath) entries.push({ path: asset, data: await readFile(join(specDir, asset)) });
  entries.sort((a, b) => ordinal(a.path, b.path));

  const files = entries.map((entry) => describeFile(entry.path, entry.data));
  const commit = gitCommit(specDir);
  const manifest: ReleaseManifest = { schemaVersion: 1, name: spec.name, version, commit, builtAt: isoSeconds(builtAt), program: programPath, files };
  await mkdir(outDir, { recursive: true });
  const zip = join(outDir, `${spec.name}-${version}.zip`);
  await writeZipAtomically(zip, [{ path: manifestName, data: Buffer.from(manifestText(manifest), 'utf8') }, ...entries], builtAt);
  return { zip, version, commit, builtAt: manifest.builtAt, files, warnings };
}

/** SOURCE_DATE_EPOCH, else the last commit's time, else 1980-01-01 (the earliest zip time). */
export function buildTime(env: Readonly<Record<string, string | undefined>>, projectDir: string): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      throw usageError(`SOURCE_DATE_EPOCH=${epoch} is not a whole number of seconds since 1970`, 'unset it or set it to e.g. $(git log -1 --format=%ct)');
    const seconds = Number(epoch);
    if (seconds < 315532800 || seconds > 4354819199) throw usageError(`SOURCE_DATE_EPOCH=${epoch} is outside what a zip can store (1980-2107)`);
    return new Date(seconds * 1000);
  }
  const commitTime = gitCommitTime(projectDir);
  return new Date((commitTime !== undefined && commitTime >= 315532800 ? commitTime : 315532800) * 1000);
}

async function programBytes(options: BuildOptions, specDir: string, version: string, outDir: string, warnings: string[]): Promise<Buffer> {
  if (options.program !== undefined) {
    if (!existsSync(options.program)) throw usageError(`--program ${options.program} does not exist`, 'pass the path of the built exe');
    return readFile(options.program);
  }
  const goDir = resolve(options.goDir ?? specDir);
  if (!hasGoFiles(goDir)) {
    throw usageError(
      options.goDir === undefined ? `${specDir} holds no *.go files to build` : `--go ${options.goDir} holds no *.go files`,
      'pass the Go package folder with --go DIR, or an existing exe with --program path.exe',
    );
  }
  const temp = await mkdtemp(join(tmpdir(), 'svcforge-build-'));
  try {
    const output = join(temp, 'program.exe');
    const rc = versionInfoRc(options.spec.name, options.spec.program.replaceAll('\\', '/'), version);
    warnings.push(...goBuild({ dir: goDir, scratch: temp, output, version, versionInfoRc: rc, skip: [outDir] }));
    return await readFile(output);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
