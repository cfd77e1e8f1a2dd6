import { BaseCommand } from '../base-command.js';
import { profileFlag, specArg } from '../flags.js';
import { planFromFile } from '../pipeline.js';

export interface ValidateResult {
  file: string;
  profile: string | null;
  name: string;
  host: string;
  instances: string[];
  warnings: string[];
}

export default class Validate extends BaseCommand<ValidateResult> {
  static override summary = 'Check a spec and list every problem in it.';
  static override description = `Reads the spec (and the --profile overlay), fills \${NAME:default} values from your environment and checks every field. Exit 0 when valid; exit 2 listing every problem as file:line:col field.path: message.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> examples/gin-hello/svcforge.yaml --profile staging',
    '<%= config.bin %> <%= command.id %> --json',
  ];
  static override args = { spec: specArg };
  static override flags = { profile: profileFlag };

  protected async execute(): Promise<ValidateResult> {
    const { args, flags } = await this.parse(Validate);
    const { deployment } = await planFromFile(args.spec, { profile: flags.profile });
    this.warnAll(deployment.warnings);
    return {
      file: args.spec,
      profile: flags.profile ?? null,
      name: deployment.name,
      host: deployment.host,
      instances: deployment.instances.map((instance) => instance.name),
      warnings: deployment.warnings,
    };
  }

  protected describe(result: ValidateResult): string {
    const instances = result.instances.length === 1 ? '1 instance' : `${result.instances.length} instances`;
    return `${result.file} is valid: service ${result.name}, host ${result.host}, ${instances}`;
  }
}
