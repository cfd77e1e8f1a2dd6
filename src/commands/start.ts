import type { OperationResult } from '../exec/outcome.js';
import { withProgress } from '../exec/progress.js';
import { BaseCommand } from '../base-command.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { runControl } from '../lifecycle/control.js';

export default class Start extends BaseCommand<OperationResult> {
  static override summary = 'Start the service and wait until it runs.';
  static override description = `Runs, for each instance in one PowerShell session, the same start steps as apply: with a spec, a check that the port is free (or held by the service itself), then Start-SvcForgeService, which starts it and waits for Running; unchanged when it already runs. Takes the spec file, or the name of an installed service. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello',
  ];
  static override args = { target: targetArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Start);
    return withProgress(this, 'start', false, (hooks) =>
      runControl({ given: args.target, profile: flags.profile, shell: flags.shell, action: 'start', ...hooks }),
    );
  }

  protected describe(): string {
    return '';
  }
}
