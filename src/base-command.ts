/**
 * Shared by every command: `--json`, the success envelope, and catch(), which
 * turns any failure into one JSON error document or a one-line message plus hints.
 * Stack traces only with DEBUG=svcforge* .
 */
import { Command, Errors } from '@oclif/core';
import { ExitCode, SvcforgeError, type SpecProblem } from './errors.js';

export interface Envelope<T> {
  status: number;
  result: T;
}

export interface ErrorDocument {
  status: number;
  error: {
    code: string;
    message: string;
    exitCode: number;
    suggestions: string[];
    path?: string;
    line?: number;
    column?: number;
    problems?: SpecProblem[];
    records?: unknown[];
  };
}

export abstract class BaseCommand<T> extends Command {
  static override enableJsonFlag = true;

  protected abstract execute(): Promise<T>;

  /** Human output for a successful result; JSON mode prints the envelope instead. */
  protected abstract describe(result: T): string;

  public override async run(): Promise<T> {
    const result = await this.execute();
    const text = this.describe(result);
    if (text) this.log(text);
    return result;
  }

  protected override toSuccessJson(result: unknown): Envelope<unknown> {
    return { status: Number(process.exitCode ?? 0), result };
  }

  protected override toErrorJson(error: unknown): ErrorDocument {
    return toErrorDocument(normalize(error));
  }

  public override async catch(error: Error & { exitCode?: number }): Promise<void> {
    const failure = normalize(error);
    process.exitCode = failure.exitCode;
    if (this.jsonEnabled()) {
      this.logJson(toErrorDocument(failure));
    } else {
      process.stderr.write(`error: ${failure.message}\n`);
      for (const hint of failure.suggestions) process.stderr.write(`hint: ${hint}\n`);
    }
    if (process.env.DEBUG?.includes('svcforge') && error.stack) process.stderr.write(`${error.stack}\n`);
  }

  protected warnAll(warnings: readonly string[]): void {
    for (const warning of warnings) this.logToStderr(`warning: ${warning}`);
  }
}

function normalize(error: unknown): SvcforgeError {
  if (error instanceof SvcforgeError) return error;
  if (error instanceof Errors.CLIError) {
    const exit = (error as Errors.CLIError).oclif?.exit;
    return new SvcforgeError(
      error.message.replace(/\n\s*See more help with --help$/, ''),
      'USAGE',
      exit === 2 || exit === undefined ? ExitCode.invalid : ExitCode.failed,
      ['see the command help: svcforge <command> --help'],
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SvcforgeError(`unexpected failure: ${message}`, 'INTERNAL', ExitCode.failed, ['rerun with DEBUG=svcforge to see where it failed, and report it']);
}

function toErrorDocument(failure: SvcforgeError): ErrorDocument {
  const first = failure.problems[0];
  return {
    status: failure.exitCode,
    error: {
      code: failure.code,
      message: failure.message,
      exitCode: failure.exitCode,
      suggestions: failure.suggestions,
      ...(first ? { path: first.path, line: first.line, column: first.column, problems: failure.problems } : {}),
      ...(failure.records ? { records: failure.records } : {}),
    },
  };
}
