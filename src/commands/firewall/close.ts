import { Flags } from '@oclif/core';
import type { OperationResult } from '../../exec/outcome.js';
import { withProgress } from '../../exec/progress.js';
import { BaseCommand } from '../../base-command.js';
import { shellFlag } from '../../exec/shell.js';
import { profileFlag, specArg } from '../../flags.js';
import { changeFirewall } from '../../lifecycle/firewall.js';

export default class FirewallClose extends BaseCommand<OperationResult> {
  static override summary = "Remove every firewall rule of the service's group.";
  static override description = `Runs the firewall step of uninstall (Remove-SvcForgeFirewallRule) in one PowerShell session: every rule in the group svcforge-<name> is removed by name, also rules the spec no longer lists. Unchanged when the group has no rule. The service keeps running; it is just no longer reachable through the firewall. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --what-if',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    'what-if': Flags.boolean({ description: 'show what would be removed; remove nothing' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(FirewallClose);
    return withProgress(this, 'firewall close', flags['what-if'], (hooks) =>
      changeFirewall({ file: args.spec, profile: flags.profile, shell: flags.shell, action: 'close', whatIf: flags['what-if'], onRecord: hooks.onRecord }),
    );
  }

  protected describe(): string {
    return '';
  }
}
