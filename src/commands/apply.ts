import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import type { OperationResult } from '../exec/outcome.js';
import { runWithProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export default class Apply extends BaseCommand<OperationResult> {
  static override summary = 'Install or update the service and start it, step by step, through one PowerShell session.';
  static override description = `Renders the bundle and runs its install steps (the same ones install.ps1 has) in one
persistent PowerShell session, printing each step as it finishes. Every step reads
the current state and changes only what differs: a second apply reports every step
unchanged. Ctrl+C stops after the current step. Needs an elevated shell.

Secrets (the spec's \`secrets\`): each value comes from the environment variable of
the same name, else a hidden prompt in a terminal (exit 2 naming it when neither
gives one). svcforge-host.exe encrypts it on this machine (DPAPI, machine scope; the
value goes on its stdin, never on a command line) and only the encrypted blob is
stored, in a file that Administrators, SYSTEM and the service account alone can read.
A \`user\` account's password: SVCFORGE_ACCOUNT_PASSWORD, else a hidden prompt (exit 2
when neither); it reaches only the Service Control Manager, never a file.
SVCFORGE_EXE_LAUNCHER: how to run Windows executables on this machine (tests run Wine:
SVCFORGE_EXE_LAUNCHER=wine); unset on Windows.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --profile staging',
    '<%= config.bin %> <%= command.id %> --what-if --json',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    'what-if': Flags.boolean({ description: 'show what would change; change nothing' }),
    'no-start': Flags.boolean({ description: 'install or update without starting the service' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Apply);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    this.warnAll(planned.deployment.warnings);
    const request = {
      planned,
      profile: flags.profile,
      operation: 'install' as const,
      whatIf: flags['what-if'],
      noStart: flags['no-start'],
      shell: flags.shell,
    };
    return runWithProgress(this, request, 'apply');
  }

  protected describe(): string {
    return '';
  }
}
