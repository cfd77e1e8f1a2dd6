import { Flags } from '@oclif/core';
import type { OperationResult } from '../../exec/outcome.js';
import { withProgress } from '../../exec/progress.js';
import { BaseCommand } from '../../base-command.js';
import { shellFlag } from '../../exec/shell.js';
import { profileFlag, specArg } from '../../flags.js';
import { changeFirewall } from '../../lifecycle/firewall.js';

export default class FirewallOpen extends BaseCommand<OperationResult> {
  static override summary = "Create or update the spec's scoped inbound firewall rules.";
  static override description = `Runs the firewall steps of apply (Set-SvcForgeFirewallRule) in one PowerShell session: one inbound allow rule per entry of the spec's firewall list, limited to its port, program, profiles and remote addresses, in the group svcforge-<name>. Changes only what differs; unchanged when the rules are already as wanted. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --what-if',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    'what-if': Flags.boolean({ description: 'show what would change; change nothing' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(FirewallOpen);
    return withProgress(this, 'firewall open', flags['what-if'], (hooks) =>
      changeFirewall({ file: args.spec, profile: flags.profile, shell: flags.shell, action: 'open', whatIf: flags['what-if'], onRecord: hooks.onRecord }),
    );
  }

  protected describe(): string {
    return '';
  }
}
