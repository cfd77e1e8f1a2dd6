import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { usageError } from '../errors.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { runLogs, type LogsResult } from '../lifecycle/logs.js';

export default class Logs extends BaseCommand<LogsResult> {
  static override summary = "Print the program's log: the last lines, filtered by time or pattern, or followed live.";
  static override description = `Reads the stdout log svcforge-host.exe writes for the program (or the stderr log with --stderr) through the PowerShell session. --since keeps lines stamped within the given time (the spec must have logs.timestamps: true), --grep keeps lines matching a JavaScript regular expression, --lines keeps the last N of those. -f then prints new lines as they are written (checked every 500 ms; a rotated file is read again from its start) until Ctrl+C. Takes the spec file, or the name of an installed service.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --since 10m --grep "GET /health"',
    '<%= config.bin %> <%= command.id %> gin-hello -f',
    '<%= config.bin %> <%= command.id %> gin-hello --stderr --lines 200 --json',
  ];
  static override args = { target: targetArg };
  static override flags = {
    profile: profileFlag,
    follow: Flags.boolean({ char: 'f', description: 'keep printing new lines until Ctrl+C (not with --json)' }),
    stderr: Flags.boolean({ description: "the program's stderr log instead of its stdout log" }),
    since: Flags.string({ description: 'only lines stamped within this time, e.g. 10m, 2h, 1d (needs logs.timestamps)', helpValue: 'DURATION' }),
    grep: Flags.string({ char: 'g', description: 'only lines matching this JavaScript regular expression', helpValue: 'RE' }),
    lines: Flags.integer({ char: 'n', description: 'the last N lines (after --since and --grep); 0 for all', default: 50, min: 0, helpValue: 'N' }),
    shell: shellFlag,
  };

  /** with --follow every line is already on screen */
  private following = false;

  protected async execute(): Promise<LogsResult> {
    const { args, flags } = await this.parse(Logs);
    const request = {
      given: args.target,
      profile: flags.profile,
      shell: flags.shell,
      stderr: flags.stderr,
      since: flags.since,
      grep: flags.grep,
      lines: flags.lines,
    };
    if (!flags.follow) return runLogs(request);
    if (this.jsonEnabled()) {
      throw usageError(
        '--follow prints lines until Ctrl+C, so it cannot print one JSON document; use --json without --follow',
        'poll instead: svcforge logs --json --lines N',
      );
    }
    this.following = true;
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.on('SIGINT', stop);
    try {
      return await runLogs({
        ...request,
        follow: {
          pollMs: 500,
          signal: controller.signal,
          onLines: (lines) => {
            for (const line of lines) this.log(line);
          },
          onNote: (note) => this.logToStderr(`svcforge: ${note}`),
        },
      });
    } finally {
      process.removeListener('SIGINT', stop);
    }
  }

  protected describe(result: LogsResult): string {
    return this.following ? '' : result.lines.join('\n');
  }
}
