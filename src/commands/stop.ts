import type { OperationResult } from '../exec/outcome.js';
import { withProgress } from '../exec/progress.js';
import { BaseCommand } from '../base-command.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { runControl } from '../lifecycle/control.js';

export default class Stop extends BaseCommand<OperationResult> {
  static override summary = 'Stop the service gracefully and wait until it has stopped.';
  static override description = `Runs Stop-SvcForgeService for each instance in one PowerShell session: the SCM asks svcforge-host.exe to stop, which sends the program Ctrl+C, waits stop.timeout and then ends the whole process tree. Unchanged when the service is already stopped. Takes the spec file, or the name of an installed service. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello',
  ];
  static override args = { target: targetArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Stop);
    return withProgress(this, 'stop', false, (hooks) =>
      runControl({ given: args.target, profile: flags.profile, shell: flags.shell, action: 'stop', ...hooks }),
    );
  }

  protected describe(): string {
    return '';
  }
}
