import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import type { OperationResult } from '../exec/outcome.js';
import { runWithProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { plannedFromInstalled } from '../exec/installed.js';
import { profileFlag, targetArg } from '../flags.js';
import { requestTarget } from '../lifecycle/target.js';

export default class Uninstall extends BaseCommand<OperationResult> {
  static override summary = 'Stop and remove the service, its firewall rules and its files.';
  static override description = `Runs uninstall.ps1's steps in one PowerShell session. Logs are kept unless --purge, and so is the resolved spec (C:\\ProgramData\\svcforge\\<name>\\svcforge.json), so a later \`uninstall NAME --purge\` can finish the job. Each step reports unchanged when there is nothing left to remove. Takes the spec file, or the name of a service svcforge installed: then the spec kept with its bundle (C:\\ProgramData\\svcforge\\<name>\\bundle\\svcforge.json, or the one a plain uninstall left) says what to remove. A service of that name that svcforge did not create (it lacks the SvcForge value svcforge writes under HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>) is refused and nothing is removed, unless --adopt is given.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --purge',
    '<%= config.bin %> <%= command.id %> gin-hello --purge',
  ];
  static override args = { target: targetArg };
  static override flags = {
    profile: profileFlag,
    purge: Flags.boolean({ description: 'also delete the logs and the data folder' }),
    'what-if': Flags.boolean({ description: 'show what would be removed; remove nothing' }),
    adopt: Flags.boolean({ description: 'delete the service even though svcforge did not create it (it has no SvcForge mark)' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Uninstall);
    const request = await requestTarget(args.target, flags.profile);
    const planned = request.kind === 'spec' ? request.planned : await plannedFromInstalled(request.name, flags.shell);
    return runWithProgress(
      this,
      { planned, profile: flags.profile, operation: flags.purge ? 'purge' : 'uninstall', whatIf: flags['what-if'], adopt: flags.adopt, shell: flags.shell },
      'uninstall',
    );
  }

  protected describe(): string {
    return '';
  }
}
