import type { OperationResult } from '../exec/outcome.js';
import { withProgress } from '../exec/progress.js';
import { BaseCommand } from '../base-command.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { runControl } from '../lifecycle/control.js';

export default class Restart extends BaseCommand<OperationResult> {
  static override summary = 'Stop the service gracefully, then start it again.';
  static override description = `For each instance in turn (the others keep serving): Stop-SvcForgeService, which stops the program gracefully (Ctrl+C, stop.timeout, then the whole process tree), then the start steps of apply (port check with a spec, Start-SvcForgeService). Takes the spec file, or the name of an installed service. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello',
  ];
  static override args = { target: targetArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Restart);
    return withProgress(this, 'restart', false, (hooks) =>
      runControl({ given: args.target, profile: flags.profile, shell: flags.shell, action: 'restart', ...hooks }),
    );
  }

  protected describe(): string {
    return '';
  }
}
