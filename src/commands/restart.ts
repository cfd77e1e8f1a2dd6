import { BaseCommand } from '../base-command.js';
import { outcome, type OperationResult } from '../exec/outcome.js';
import { stopAfterCurrentStepOnSigint } from '../exec/runner.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { formatRecord, formatSummary } from '../formatters/steps.js';
import { runControl } from '../lifecycle/control.js';

export default class Restart extends BaseCommand<OperationResult> {
  static override summary = 'Stop the service gracefully, then start it again.';
  static override description = `For each instance in turn (the others keep serving): Stop-SvcForgeService, which
stops the program gracefully (Ctrl+C, stop.timeout, then the whole process tree), then
the start steps of apply (port check with a spec, Start-SvcForgeService). Takes the
spec file, or the name of an installed service. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello',
  ];
  static override args = { target: targetArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Restart);
    const interrupt = stopAfterCurrentStepOnSigint(() => this.logToStderr('stopping after the current step (Ctrl+C again to abort at once)'));
    try {
      const { name, summary } = await runControl({
        given: args.target,
        profile: flags.profile,
        shell: flags.shell,
        action: 'restart',
        signal: interrupt.signal,
        onRecord: (record) => this.log(formatRecord(record)),
      });
      if (!this.jsonEnabled()) this.logToStderr(formatSummary(name, summary, 'restart'));
      return outcome(name, false, summary);
    } finally {
      interrupt.dispose();
    }
  }

  protected describe(): string {
    return '';
  }
}
