import { BaseCommand } from '../base-command.js';
import { runOperation } from '../exec/apply.js';
import { outcome, type OperationResult } from '../exec/outcome.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { formatRecord, formatSummary } from '../formatters/steps.js';
import { planFromFile } from '../pipeline.js';

export default class Plan extends BaseCommand<OperationResult> {
  static override summary = 'Show, step by step, what apply would change; change nothing.';
  static override description = `Runs apply's steps with -WhatIf in one PowerShell session: each step reads the
current state and reports "would ..." where it differs, or unchanged.`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json'];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Plan);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    const summary = await runOperation({
      planned,
      profile: flags.profile,
      operation: 'install',
      whatIf: true,
      shell: flags.shell,
      onRecord: (record) => this.log(formatRecord(record)),
    });
    if (!this.jsonEnabled()) this.logToStderr(formatSummary(planned.deployment.name, summary, 'plan for'));
    return outcome(planned.deployment.name, true, summary);
  }

  protected describe(): string {
    return '';
  }
}
