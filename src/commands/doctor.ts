import { BaseCommand } from '../base-command.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { formatRecord } from '../formatters/steps.js';
import { runDoctor, type DoctorResult } from '../lifecycle/doctor.js';

export default class Doctor extends BaseCommand<DoctorResult> {
  static override summary = 'Check this machine for svcforge, and audit the installed service for unsafe settings.';
  static override description = `Environment: PowerShell found and its version, elevation, execution policy and the Windows Defender Firewall service (both Windows only), the spec's port free (or held by the service itself). Audit of the installed service: an unquoted binary path with spaces, its binary or install directory writable by non-administrators, the LocalSystem account, a user account or gMSA without "Log on as a service" (SeServiceLogonRight; the service would fail to start with error 1069), a firewall rule open on the Public profile or to any address. Each check prints ok (unchanged), a problem (failed) with what to do, or why it was skipped. Exits 1 when any check found a problem, 3 when no PowerShell could start. Read-only: needs no elevation.`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json'];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<DoctorResult> {
    const { args, flags } = await this.parse(Doctor);
    const explicit = this.argv.some((arg) => !arg.startsWith('-') && arg === args.spec);
    const result = await runDoctor({
      file: args.spec,
      explicit,
      profile: flags.profile,
      shell: flags.shell,
      onRecord: (record) => this.log(formatRecord(record)),
    });
    return result;
  }

  protected describe(result: DoctorResult): string {
    const subject = result.name ?? 'this machine';
    return result.problems ? `doctor ${subject}: ${result.problems} problem(s) found` : `doctor ${subject}: no problem found`;
  }
}
