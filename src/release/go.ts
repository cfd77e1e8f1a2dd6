/** Cross-builds a Go program for windows/amd64 with the real `go` toolchain. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import { windres, writeVersionInfoSyso } from './version-info.js';

export function hasGoFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((file) => file.endsWith('.go'));
}

export interface GoBuild {
  /** the package folder */
  dir: string;
  /** an empty scratch folder the sources are copied into */
  scratch: string;
  output: string;
  version: string;
  /** folders not to copy, e.g. the zip's output folder */
  skip?: string[];
  /** the VERSIONINFO resource; undefined for none */
  versionInfoRc?: string;
}

/**
 * Builds a copy of the package (so the version resource's .syso never lands in the
 * user's folder). Module mode when dir has go.mod; otherwise the caller's GO111MODULE and
 * GOPATH apply. Returns warnings.
 */
export function goBuild(build: GoBuild): string[] {
  const warnings: string[] = [];
  const moduleMode = existsSync(join(build.dir, 'go.mod'));
  // GOPATH mode names a package outside GOPATH by its folder ("_/tmp/x"), which -trimpath
  // keeps; inside a scratch GOPATH its import path is just the folder's name, so the bytes
  // do not depend on where the copy lands.
  const scratchGopath = join(build.scratch, 'gopath');
  const copy = moduleMode ? join(build.scratch, 'module') : join(scratchGopath, 'src', basename(build.dir) || 'app');
  // .git and a dist/ of earlier builds (zips, a GOCACHE) are not sources.
  const skipped = new Set([join(build.dir, '.git'), join(build.dir, 'dist'), ...(build.skip ?? [])]);
  cpSync(build.dir, copy, { recursive: true, filter: (source) => !skipped.has(source) || hasGoFiles(source) });
  if (build.versionInfoRc !== undefined && !writeVersionInfoSyso(copy, build.versionInfoRc)) {
    warnings.push(`${windres} is not installed, so the exe's file properties do not show the version (apt-get install gcc-mingw-w64-x86-64)`);
  }
  const args = ['build', '-trimpath', '-ldflags', `-s -w -X main.version=${build.version}`, '-o', build.output, '.'];
  const result = spawnSync('go', args, {
    cwd: copy,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...(moduleMode ? {} : { GOPATH: [scratchGopath, process.env.GOPATH || join(homedir(), 'go')].join(delimiter) }),
      GOOS: 'windows',
      GOARCH: 'amd64',
      CGO_ENABLED: '0',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new SvcforgeError(`go was not found on PATH; \`svcforge build\` needs it to build ${build.dir}`, 'GO_MISSING', ExitCode.environment, [
      'install Go (apt-get install golang-go, or https://go.dev/dl/), or pass an existing exe with --program',
    ]);
  }
  if (result.error) throw new SvcforgeError(`go build in ${build.dir} could not run: ${result.error.message}`, 'GO_FAILED', ExitCode.failed);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new SvcforgeError(`go build in ${build.dir} failed (exit ${result.status}):\n${output}`, 'GO_FAILED', ExitCode.failed, [
      'fix the errors above; the release zip was not written',
    ]);
  }
  return warnings;
}
