import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { usageError } from '../errors.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, targetArg } from '../flags.js';
import { formatStatus } from '../formatters/status.js';
import { runStatus, type StatusResult } from '../lifecycle/status.js';

export default class Status extends BaseCommand<StatusResult> {
  static override summary =
    "Show the service's SCM state and its supervisor's status: release, pid, uptime, restarts by reason, last exit, port, memory, health.";
  static override description = `One row per instance: the state the Service Control Manager reports, joined with the status file svcforge-host.exe keeps (program state, the release it runs, pid, uptime since started_at, restarts and their reasons (crash, exit_code, health, memory, manual), last exit code, port, memory, last health check, next start while backing off). Read-only: needs no elevation. Takes the spec file, or the name of an installed service. --watch redraws every 2 seconds until Ctrl+C.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --json',
    '<%= config.bin %> <%= command.id %> gin-hello --watch',
  ];
  static override args = { target: targetArg };
  static override flags = {
    profile: profileFlag,
    watch: Flags.boolean({ char: 'w', description: 'refresh every 2 seconds until Ctrl+C (not with --json)' }),
    shell: shellFlag,
  };

  /** with --watch every refresh is already on screen */
  private watching = false;

  protected async execute(): Promise<StatusResult> {
    const { args, flags } = await this.parse(Status);
    if (flags.watch && this.jsonEnabled()) {
      throw usageError(
        '--watch redraws a table until Ctrl+C, so it cannot print one JSON document; use --json without --watch',
        'poll instead: svcforge status --json, every few seconds',
      );
    }
    if (!flags.watch) return runStatus({ given: args.target, profile: flags.profile, shell: flags.shell });
    this.watching = true;
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.on('SIGINT', stop);
    const redraw = process.stdout.isTTY ? '\x1b[2J\x1b[H' : '';
    try {
      return await runStatus({
        given: args.target,
        profile: flags.profile,
        shell: flags.shell,
        watch: {
          intervalMs: 2000,
          signal: controller.signal,
          onRefresh: (result) => this.log(`${redraw}${formatStatus(result)}\n(${new Date(result.checkedAt).toLocaleTimeString()}, every 2 s; Ctrl+C to stop)`),
        },
      });
    } finally {
      process.removeListener('SIGINT', stop);
    }
  }

  protected describe(result: StatusResult): string {
    return this.watching ? '' : formatStatus(result);
  }
}
