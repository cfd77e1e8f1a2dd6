/** Cross-builds a Go program for windows/amd64 with the real `go` toolchain. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';

export function hasGoFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((file) => file.endsWith('.go'));
}

/**
 * Builds the package in `dir` to `output`. Module mode when dir has go.mod; otherwise the
 * caller's GO111MODULE/GOPATH apply and the package's files are named directly, which
 * GOPATH mode accepts outside GOPATH.
 */
export function goBuild(dir: string, output: string, version: string): void {
  const moduleMode = existsSync(join(dir, 'go.mod'));
  const sources = moduleMode
    ? ['.']
    : readdirSync(dir)
        .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
        .sort()
        .map((f) => `./${f}`);
  const args = ['build', '-trimpath', '-ldflags', `-s -w -X main.version=${version}`, '-o', output, ...sources];
  const result = spawnSync('go', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new SvcforgeError('go was not found on PATH; `svcforge build` needs it to build ' + dir, 'GO_MISSING', ExitCode.environment, [
      'install Go (apt-get install golang-go, or https://go.dev/dl/), or pass an existing exe with --program',
    ]);
  }
  if (result.error) throw new SvcforgeError(`go build in ${dir} could not run: ${result.error.message}`, 'GO_FAILED', ExitCode.failed);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new SvcforgeError(`go build in ${dir} failed (exit ${result.status}):\n${output}`, 'GO_FAILED', ExitCode.failed, [
      'fix the errors above; the release zip was not written',
    ]);
  }
}
