import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { profileFlag, specArg } from '../flags.js';
import { bundleFor, planFromFile } from '../pipeline.js';
import { writeBundle } from '../render/write.js';

export interface RenderResult {
  out: string;
  name: string;
  files: { name: string; bytes: number }[];
  warnings: string[];
}

export default class Render extends BaseCommand<RenderResult> {
  static override summary = 'Write the reviewable bundle of scripts and supervisor config.';
  static override description = `Validates the spec and writes install.ps1, uninstall.ps1, status.ps1,
firewall.ps1, the supervisor and its svcforge-host.conf, the SvcForge PowerShell
module, README.md and manifest.json (SHA-256 of every file) into --out.
The same spec always gives byte-identical files. The folder is written atomically:
a failure leaves the previous bundle intact. A non-empty folder that svcforge did
not write is refused unless --force.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> --out bundle',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --profile staging --out dist/gin-hello',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    out: Flags.string({ char: 'o', description: 'folder to write the bundle into', required: true, helpValue: 'DIR' }),
    force: Flags.boolean({ description: 'replace a non-empty folder that svcforge did not write' }),
    'host-exe': Flags.string({ description: 'svcforge-host.exe to ship instead of the built one', hidden: true }),
  };

  protected async execute(): Promise<RenderResult> {
    const { args, flags } = await this.parse(Render);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    this.warnAll(planned.deployment.warnings);
    const bundle = bundleFor(planned, { profile: flags.profile, outDir: flags.out, hostExe: flags['host-exe'] });
    const out = await writeBundle(bundle, flags.out, { force: flags.force });
    return {
      out,
      name: planned.deployment.name,
      files: [...bundle.entries()].map(([name, content]) => ({ name, bytes: content.length })),
      warnings: planned.deployment.warnings,
    };
  }

  protected describe(result: RenderResult): string {
    return `wrote ${result.files.length} files for ${result.name} to ${result.out}\nreview it, then on the server run: .\\install.ps1 -WhatIf`;
  }
}
