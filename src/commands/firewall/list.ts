import { BaseCommand } from '../../base-command.js';
import { shellFlag } from '../../exec/shell.js';
import { profileFlag, specArg } from '../../flags.js';
import { listFirewall, type FirewallListResult } from '../../lifecycle/firewall.js';

export default class FirewallList extends BaseCommand<FirewallListResult> {
  static override summary = "List the firewall rules of the service's group with their scope.";
  static override description = `Reads the rules of the group svcforge-<name> (Get-SvcForgeFirewallRule): port, protocol, program, profiles, remote addresses and whether each is enabled, and names the rules the spec declares that are missing (run \`svcforge firewall open\`). Read-only: needs no elevation.`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json'];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<FirewallListResult> {
    const { args, flags } = await this.parse(FirewallList);
    return listFirewall({ file: args.spec, profile: flags.profile, shell: flags.shell });
  }

  protected describe(result: FirewallListResult): string {
    const lines = result.rules.map(
      (rule) =>
        `  ${rule.enabled ? 'enabled ' : 'disabled'} ${rule.name}  ${rule.direction} ${rule.action} ${rule.protocol} ${rule.port}  program ${rule.program}  profiles ${rule.profiles.join(',')}  from ${rule.remoteAddresses.join(',')}`,
    );
    const head = result.rules.length ? `firewall rules of group ${result.group}:` : `no firewall rule in group ${result.group}`;
    const missing = result.missing.map((name) => `  missing  ${name} (declared in the spec; run \`svcforge firewall open\`)`);
    return [head, ...lines, ...missing].join('\n');
  }
}
