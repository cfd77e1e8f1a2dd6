import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { runRollback } from '../exec/deploy.js';
import type { OperationResult } from '../exec/outcome.js';
import { withProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export default class Rollback extends BaseCommand<OperationResult> {
  static override summary = 'Switch back to an earlier release and wait for its health gate.';
  static override description = `Takes the deploy lock, switches the release pointer to the release named by --to (default: the newest release before the current one that passed its gate), points the firewall rules at its program, restarts gracefully and waits for the health gate, as deploy does. Nothing is unpacked or pruned: the release must still be on the host (svcforge releases lists them).

Exit codes: 0 rolled back (or already current and healthy); 1 a step failed; 2 no such release, or no earlier release passed its gate; 3 PowerShell or elevation missing.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.release.yaml',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.release.yaml --to 1.0.0',
    '<%= config.bin %> <%= command.id %> --to 2.3.1 --json',
  ];
  static override args = { spec: specArg };
  static override flags = {
    profile: profileFlag,
    to: Flags.string({ description: 'the release to go back to (default: the newest earlier one that passed its gate)', helpValue: 'VERSION' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Rollback);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    return withProgress(this, 'rollback', false, async (hooks) => {
      const run = await runRollback({ planned, profile: flags.profile, to: flags.to, shell: flags.shell, ...hooks });
      return { name: `${run.name} to ${run.version}`, summary: run.summary };
    });
  }

  protected describe(): string {
    return '';
  }
}
