import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { profileFlag, specArg } from '../flags.js';
import { bundleFor, planFromFile } from '../pipeline.js';
import { writeBundle } from '../render/write.js';
import { signBundle } from '../render/sign.js';
import { signingKey } from '../render/signing-key.js';

export interface RenderResult {
  out: string;
  name: string;
  files: { name: string; bytes: number }[];
  warnings: string[];
}

export default class Render extends BaseCommand<RenderResult> {
  static override summary = 'Write the reviewable bundle of scripts and supervisor config.';
  static override description = `Validates the spec and writes install.ps1, uninstall.ps1, status.ps1, firewall.ps1, the supervisor and its svcforge-host.conf, the SvcForge PowerShell module, README.md and manifest.json (SHA-256 of every file) into --out. The same spec always gives byte-identical files. The folder is written atomically: a failure leaves the previous bundle intact. A non-empty folder that svcforge did not write is refused unless --force.

--sign Authenticode-signs every .ps1/.psm1/.psd1 and svcforge-host.exe with osslsigncode (for the AllSigned execution policy and WDAC), from a PFX file (password from SVCFORGE_SIGN_PASSWORD, else asked) or a PKCS#11 key URI.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> --out bundle',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --profile staging --out dist/gin-hello',
    'SVCFORGE_SIGN_PASSWORD=... <%= config.bin %> <%= command.id %> --out bundle --sign codesign.pfx --timestamp http://timestamp.digicert.com',
    '<%= config.bin %> <%= command.id %> --out bundle --sign "pkcs11:token=ci;object=codesign" --pkcs11-module /usr/lib/softhsm/libsofthsm2.so --sign-cert chain.pem',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    out: Flags.string({ char: 'o', description: 'folder to write the bundle into', required: true, helpValue: 'DIR' }),
    force: Flags.boolean({ description: 'replace a non-empty folder that svcforge did not write' }),
    sign: Flags.string({
      description: 'Authenticode-sign scripts, module and svcforge-host.exe with this PFX file or PKCS#11 key URI',
      helpValue: 'PFX|pkcs11:URI',
    }),
    'sign-cert': Flags.string({ description: 'certificate chain (PEM) of a PKCS#11 --sign key', helpValue: 'FILE', dependsOn: ['sign'] }),
    'pkcs11-module': Flags.string({ description: 'PKCS#11 module (.so) that holds a pkcs11: --sign key', helpValue: 'FILE', dependsOn: ['sign'] }),
    timestamp: Flags.string({
      description: 'RFC 3161 timestamp server for --sign, so signatures outlive the certificate',
      helpValue: 'URL',
      dependsOn: ['sign'],
    }),
    'host-exe': Flags.string({ description: 'svcforge-host.exe to ship instead of the built one', hidden: true }),
  };

  protected async execute(): Promise<RenderResult> {
    const { args, flags } = await this.parse(Render);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    this.warnAll(planned.deployment.warnings);
    const key = flags.sign === undefined ? undefined : await signingKey({ sign: flags.sign, cert: flags['sign-cert'], module: flags['pkcs11-module'] });
    const rendered = bundleFor(planned, { profile: flags.profile, outDir: flags.out, hostExe: flags['host-exe'] });
    const bundle = key ? signBundle(rendered, key, flags.timestamp) : rendered;
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
