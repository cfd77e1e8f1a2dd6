import { BaseCommand } from '../base-command.js';
import type { OperationResult } from '../exec/outcome.js';
import { runWithProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export default class Plan extends BaseCommand<OperationResult> {
  static override summary = 'Show, step by step, what apply would change; change nothing.';
  static override description = `Runs apply's steps with -WhatIf in one PowerShell session: each step reads the current state and reports "would ..." where it differs, or unchanged.`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json'];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<OperationResult> {
    const { args, flags } = await this.parse(Plan);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    return runWithProgress(this, { planned, profile: flags.profile, operation: 'install', whatIf: true, shell: flags.shell }, 'apply');
  }

  protected describe(): string {
    return '';
  }
}
