import { BaseCommand } from '../base-command.js';
import { outcome, type OperationResult } from '../exec/outcome.js';
import { stopAfterCurrentStepOnSigint } from '../exec/runner.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { formatRecord, formatSummary } from '../formatters/steps.js';
import { runControl } from '../lifecycle/control.js';

export default class Stop extends BaseCommand<OperationResult> {
  static override summary = 'Stop the service gracefully and wait until it has stopped.';
  static override description = `Runs Stop-SvcForgeService for each instance in one PowerShell session: the SCM asks
svcforge-host.exe to stop, which sends the program Ctrl+C, waits stop.timeout and then
ends the whole process tree. Unchanged when the service is already stopped. Takes the
spec file, or the name of an installed service. Needs an elevated shell.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello',
  ];
  static override args = { target: targetArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Stop);
    const interrupt = stopAfterCurrentStepOnSigint(() => this.logToStderr('stopping after the current step (Ctrl+C again to abort at once)'));
    try {
      const { name, summary } = await runControl({
        given: args.target,
        profile: flags.profile,
        shell: flags.shell,
        action: 'stop',
        signal: interrupt.signal,
        onRecord: (record) => this.log(formatRecord(record)),
      });
      if (!this.jsonEnabled()) this.logToStderr(formatSummary(name, summary, 'stop'));
      return outcome(name, false, summary);
    } finally {
      interrupt.dispose();
    }
  }

  protected describe(): string {
    return '';
  }
}
