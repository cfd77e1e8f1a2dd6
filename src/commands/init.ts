import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { usageError } from '../errors.js';
import { type InitAnswers, writeSpec } from '../init/write-spec.js';
import { serviceNamePattern } from '../spec-file/schema.js';
import type { OperationResult } from '../exec/outcome.js';
import { runWithProgress } from '../exec/progress.js';
import { shellFlag } from '../exec/shell.js';
import { planFromFile } from '../pipeline.js';

export interface InitResult {
  file: string;
  name: string;
  program: string;
  port: number | null;
  /** with --apply: what the install did */
  applied: OperationResult | null;
}

const accounts = ['virtual', 'localService', 'networkService', 'localSystem'] as const;

export default class Init extends BaseCommand<InitResult> {
  static override summary = 'Write a commented svcforge.yaml from a few answers.';
  static override description = `In a terminal it asks for what the flags did not give. Without a terminal (CI, scripts) --name and --program are required. The file is validated before it is written, and an existing file is never replaced without --force.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --name gin-hello --program C:\\apps\\gin-hello\\current\\gin-hello.exe --port 8080',
    '<%= config.bin %> <%= command.id %> --name worker --program D:\\svc\\worker.exe --file deploy/worker.yaml --force',
    '<%= config.bin %> <%= command.id %> --name gin-hello --program C:\\apps\\gin-hello\\current\\gin-hello.exe --port 8080 --apply',
  ];
  static override flags = {
    name: Flags.string({ description: 'service name (letters, digits, . _ -)' }),
    program: Flags.string({ description: 'absolute Windows path of the program' }),
    port: Flags.integer({ description: 'port the program listens on: adds a port check, a firewall rule and a health check', min: 1, max: 65535 }),
    'display-name': Flags.string({ description: 'name shown in services.msc' }),
    description: Flags.string({ description: 'service description' }),
    account: Flags.option({ options: accounts, default: 'virtual' as const, description: 'service account' })(),
    file: Flags.string({ char: 'f', default: 'svcforge.yaml', description: 'where to write the spec' }),
    force: Flags.boolean({ description: 'replace an existing file' }),
    apply: Flags.boolean({ description: 'then install and start the service, as `svcforge apply` does (needs an elevated shell)' }),
    shell: shellFlag,
  };

  protected async execute(): Promise<InitResult> {
    const { flags } = await this.parse(Init);
    const answers = await this.complete({
      name: flags.name,
      program: flags.program,
      port: flags.port,
      displayName: flags['display-name'],
      description: flags.description,
      account: flags.account,
    });
    await writeSpec(flags.file, answers, flags.force);
    const written = { file: flags.file, name: answers.name, program: answers.program, port: answers.port ?? null };
    if (!flags.apply) return { ...written, applied: null };
    this.log(`wrote ${flags.file}; installing ${answers.name}`);
    return { ...written, applied: await this.applySpec(flags.file, flags.shell) };
  }

  private async applySpec(file: string, shell: string | undefined): Promise<OperationResult> {
    const planned = await planFromFile(file);
    this.warnAll(planned.deployment.warnings);
    return runWithProgress(this, { planned, operation: 'install', shell }, 'apply');
  }

  protected describe(result: InitResult): string {
    if (result.applied) return `${result.name} is installed and started; see it with: svcforge status ${result.file}`;
    return `wrote ${result.file} for service ${result.name}\nnext: svcforge validate ${result.file} && svcforge render ${result.file} --out bundle`;
  }

  private async complete(partial: Partial<InitAnswers> & Pick<InitAnswers, 'account'>): Promise<InitAnswers> {
    if (partial.name && partial.program) return partial as InitAnswers;
    const interactive = process.stdin.isTTY && process.stdout.isTTY && !this.jsonEnabled();
    if (!interactive) {
      const missing = [!partial.name && '--name', !partial.program && '--program'].filter(Boolean).join(' and ');
      throw usageError(
        `${missing} required when not run in a terminal`,
        'example: svcforge init --name gin-hello --program C:\\apps\\gin-hello\\current\\gin-hello.exe --port 8080',
      );
    }
    const { input, number } = await import('@inquirer/prompts');
    const name =
      partial.name ??
      (await input({
        message: 'Service name',
        default: 'my-service',
        validate: (value) => serviceNamePattern.test(value) || 'letters, digits, . _ - (at most 80)',
      }));
    const program =
      partial.program ??
      (await input({
        message: 'Program (absolute Windows path)',
        default: `C:\\apps\\${name}\\current\\${name}.exe`,
        validate: (value) => /^(?:[A-Za-z]:\\|\\\\)/.test(value) || 'an absolute path like C:\\apps\\app.exe',
      }));
    const port = partial.port ?? (await number({ message: 'Port it listens on (empty for none)', required: false, min: 1, max: 65535 }));
    return { ...partial, name, program, port: port ?? undefined };
  }
}
