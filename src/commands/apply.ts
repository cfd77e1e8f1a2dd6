import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import type { OperationResult } from '../exec/outcome.js';
import { runWithProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export default class Apply extends BaseCommand<OperationResult> {
  static override summary = 'Install or update the service and start it, step by step, through one PowerShell session.';
  static override description = `Renders the bundle and runs its install steps (the same ones install.ps1 has) in one persistent PowerShell session, printing each step as it finishes. Every step reads the current state and changes only what differs: a second apply reports every step unchanged. Ctrl+C stops after the current step. Needs an elevated shell.

Secrets (the spec's \`secrets\`): each value comes from the environment variable of the same name, else a hidden prompt in a terminal (exit 2 naming it when neither gives one). svcforge-host.exe encrypts it on this machine (DPAPI, machine scope; the value goes on its stdin, never on a command line) and only the encrypted blob is stored, in a file that Administrators, SYSTEM and the service account alone can read. A \`user\` account's password: SVCFORGE_ACCOUNT_PASSWORD, else a hidden prompt (exit 2 when neither); it reaches only the Service Control Manager, never a file, and is handed to it again on every apply, so a rotated password is taken. A \`user\` account or a gMSA is granted "Log on as a service" when it lacks it. A running service restarts (gracefully: Ctrl+C, stop.timeout) when this apply changed something it reads only at start: its service configuration or account, SID type, NSSM parameters, svcforge-host.exe, its host conf (environment included) or the secrets; the start step names why ("restarted gin-hello: host-conf, secrets changed"). --no-restart leaves it running as it is, records the pending restart in <dataDir>\\<service>.restart-pending.json (\`svcforge status\` shows it) and reports the start step skipped; \`svcforge restart\` or a later apply takes the changes. What the spec no longer names goes: instances beyond instances.count (stopped and deleted, logs kept), firewall rules of the service's group it no longer lists, the secrets file when no secret is left (\`svcforge plan\` shows these as remove).

Services it did not create: svcforge marks each service it creates (the value SvcForge under HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>). When a service of the spec's name exists without that mark (Spooler, an administrator's own service, or one installed by a svcforge older than the mark), apply refuses it and changes nothing; --adopt takes it over: marks it and configures it as the spec says. SVCFORGE_EXE_LAUNCHER: how to run Windows executables on this machine (tests run Wine: SVCFORGE_EXE_LAUNCHER=wine); unset on Windows.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --profile staging',
    '<%= config.bin %> <%= command.id %> --what-if --json',
    '<%= config.bin %> <%= command.id %> --no-restart',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    'what-if': Flags.boolean({ description: 'show what would change; change nothing' }),
    'no-start': Flags.boolean({ description: 'install or update without starting the service' }),
    'no-restart': Flags.boolean({
      description: 'do not restart a running service for what changed; record a pending restart (svcforge status shows it) instead',
    }),
    adopt: Flags.boolean({
      description:
        'take over an existing service of the same name that svcforge did not create (mark it and configure it); without it such a service is refused',
    }),
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
      noRestart: flags['no-restart'],
      adopt: flags.adopt,
      shell: flags.shell,
    };
    return runWithProgress(this, request, 'apply');
  }

  protected describe(): string {
    return '';
  }
}
