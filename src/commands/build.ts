import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { profileFlag, specArg } from '../flags.js';
import { buildRelease, type BuildResult } from '../release/build.js';
import { loadSpecFile } from '../spec-file/load.js';

export default class Build extends BaseCommand<BuildResult> {
  static override summary = 'Build a release zip from Go sources or an existing exe.';
  static override description = `Makes <out>/<name>-<version>.zip for \`svcforge deploy\`: the program at the spec's \`program\` path, the files the spec's release.assets globs name (relative to the spec, layout kept) and a release.json with the version, commit, build time and the size and SHA-256 of every file.

Go: builds the package in --go DIR (default: the spec's folder when it holds *.go files) with the real go toolchain: GOOS=windows GOARCH=amd64 CGO_ENABLED=0, -trimpath, -ldflags "-s -w -X main.version=<version>", plus a VERSIONINFO resource (mingw's x86_64-w64-mingw32-windres) so the exe's file properties show the version; the sources are built from a private copy, your folder gets no files. Module mode when DIR has go.mod; otherwise your GO111MODULE and GOPATH apply. --program collects an existing exe as is instead.

Version: --version, else \`git describe --tags --always --dirty\` in the spec's folder. It names a folder on the host: letters, digits, ".", "_", "-", at most 64, no trailing dot, no Windows device name.

Same inputs, same bytes: every entry's time is the build time, which is SOURCE_DATE_EPOCH, else the last commit's time (git log -1 --format=%ct), else 1980-01-01. Exit 2 for a bad version, a spec without release: or a file name Windows cannot store (nothing written); exit 3 when go is missing; exit 1 when go build fails.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --version 1.2.0',
    'SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) <%= config.bin %> <%= command.id %> --out dist',
    '<%= config.bin %> <%= command.id %> --program build/app.exe --version 2.0.0 --json',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    go: Flags.string({
      description: "Go package folder to build (default: the spec's folder when it holds *.go files)",
      helpValue: 'DIR',
      exclusive: ['program'],
    }),
    program: Flags.string({ description: 'an existing exe to pack as is instead of building Go', helpValue: 'PATH' }),
    version: Flags.string({ description: 'release version (default: git describe --tags --always --dirty)', helpValue: 'V' }),
    out: Flags.string({ description: 'folder for the zip (default: dist beside the spec)', helpValue: 'DIR' }),
  };

  protected async execute(): Promise<BuildResult> {
    const { args, flags } = await this.parse(Build);
    const { spec } = await loadSpecFile(args.spec, { profile: flags.profile });
    const result = await buildRelease({ specFile: args.spec, spec, goDir: flags.go, program: flags.program, version: flags.version, outDir: flags.out });
    this.warnAll(result.warnings);
    return result;
  }

  protected describe(result: BuildResult): string {
    const lines = result.files.map((file) => `  ${file.path}  ${file.size} bytes  sha256:${file.sha256}`);
    return [`built ${result.zip} (version ${result.version}, commit ${result.commit ?? 'none'}, built at ${result.builtAt})`, ...lines].join('\n');
  }
}
