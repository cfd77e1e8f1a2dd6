import { BaseCommand } from '../base-command.js';
import { specJsonSchema } from '../spec-file/json-schema.js';

export default class Schema extends BaseCommand<object> {
  static override summary = 'Print the JSON Schema of svcforge.yaml.';
  static override description = `Editors use it for completion and checks: add "# yaml-language-server: $schema=./svcforge.schema.json" to the spec, or point your editor at schema/svcforge.schema.json in the package.`;
  static override examples = ['<%= config.bin %> <%= command.id %> > svcforge.schema.json'];

  protected async execute(): Promise<object> {
    await this.parse(Schema);
    return specJsonSchema();
  }

  protected describe(result: object): string {
    return JSON.stringify(result, null, 2);
  }
}
