import { BaseCommand } from '../base-command.js';
import { readReleases, type ReleaseState } from '../exec/deploy.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { formatReleases } from '../formatters/releases.js';
import { planFromFile } from '../pipeline.js';

export default class Releases extends BaseCommand<ReleaseState> {
  static override summary = "List the service's releases on this host: deployed when, health gate, current.";
  static override description = `Reads the release state file (<dataDir>\\releases.json) that deploy and rollback keep, and which release folders are still on disk. gate: passed (the release passed its health gate), failed (it did not; deploy rolled back), pending (a deploy was stopped before its gate finished). The last good release is the one rollback and a failed deploy go back to. Exit codes: 0; 2 the spec has no release: section; 3 PowerShell missing.`;
  static override examples = ['<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.release.yaml', '<%= config.bin %> <%= command.id %> --json'];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag, shell: shellFlag };

  protected async execute(): Promise<ReleaseState> {
    const { args, flags } = await this.parse(Releases);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    return readReleases({ planned, profile: flags.profile, shell: flags.shell });
  }

  protected describe(state: ReleaseState): string {
    return formatReleases(state);
  }
}
