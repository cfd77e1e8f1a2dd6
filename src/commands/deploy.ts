import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { runDeploy } from '../exec/deploy.js';
import { withProgressOf } from '../exec/progress.js';
import { deployOutcome, type DeployResult } from '../exec/release-outcome.js';
import { shellFlag } from '../exec/shell.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export default class Deploy extends BaseCommand<DeployResult> {
  static override summary = 'Deploy a release zip behind a health gate; roll back by itself when it fails.';
  static override description = `Runs the steps of the bundle's deploy.ps1 through one PowerShell session, in this order. Lock: one deploy or rollback of a service at a time (a second one is refused). Install: the service, its config and bundle brought up to date, as apply does. Verify: every file of the zip against its release.json, before anything is written. Unpack: to <installDir>\\releases\\<version> in one folder rename (kept when already there). Switch: the release pointer replaced in one step, never a missing or half-written folder. Restart: gracefully (Ctrl+C, then stop.timeout) until the new release runs. Gate: the health check passes within release.healthTimeout and keeps passing for release.minHealthy with no restart (no health: running, not restarted). Prune: keeps release.keep releases, never the current or the last good one.

When switch, restart or gate fail, the last release that passed its gate is switched back and gated again, and deploy exits 1 with a table of both outcomes and the failed release's last log lines. Deploying the release that is current and healthy changes nothing. The zip comes from \`svcforge build\`; the spec needs a release: section.

Exit codes: 0 deployed (or already current); 1 a step failed (rolled back when it could) or another deploy holds the lock; 2 the zip or the spec is invalid, nothing changed; 3 PowerShell or elevation is missing.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/gin-hello/dist/gin-hello-1.0.0.zip examples/gin-hello/svcforge.release.yaml',
    '<%= config.bin %> <%= command.id %> dist/app-2.1.0.zip --what-if',
    '<%= config.bin %> <%= command.id %> dist/app-2.1.0.zip --json',
  ];
  static override args = {
    zip: Args.string({ name: 'ZIP', description: 'release zip written by svcforge build', required: true }),
    spec: specArg,
  };
  static override flags = {
    profile: profileFlag,
    'what-if': Flags.boolean({ description: 'show what would change; change nothing' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<DeployResult> {
    const { args, flags } = await this.parse(Deploy);
    const planned = await planFromFile(args.spec, { profile: flags.profile });
    this.warnAll(planned.deployment.warnings);
    const whatIf = flags['what-if'];
    return withProgressOf(
      this,
      'deploy',
      whatIf,
      async (hooks) => {
        const run = await runDeploy({ planned, profile: flags.profile, zip: args.zip, whatIf, shell: flags.shell, ...hooks });
        return { ...run, name: `${run.name} ${run.version}` };
      },
      (run) => deployOutcome({ ...run, name: planned.deployment.name }, whatIf),
    );
  }

  protected describe(): string {
    return '';
  }
}
