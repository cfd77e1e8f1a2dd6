/** The answers of `svcforge init` -> a commented svcforge.yaml that is valid by construction. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { ExitCode, SvcforgeError } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { parseSpec } from '../spec-file/load.js';

export interface InitAnswers {
  name: string;
  program: string;
  displayName?: string;
  description?: string;
  port?: number;
  account: 'virtual' | 'localService' | 'networkService' | 'localSystem';
}

/**
 * A YAML scalar: single-quoted (backslashes literal, so Windows paths stay readable)
 * unless it holds control characters, then double-quoted JSON, which is valid YAML.
 * `${` is escaped so render-time interpolation leaves it literal.
 */
const yamlString = (value: string): string => {
  const literal = value.replaceAll('${', '$${');
  return /[\u0000-\u001f\u007f]/.test(literal) ? JSON.stringify(literal) : `'${literal.replaceAll("'", "''")}'`;
};

export function specText(answers: InitAnswers): string {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('yamlString', yamlString);
  handlebars.registerHelper('text', (value: unknown) => String(value));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const template = handlebars.compile(readFileSync(join(packageRoot, 'templates', 'svcforge.yaml.hbs'), 'utf8'), { strict: true, noEscape: true });
  return template({
    name: answers.name,
    program: answers.program,
    displayName: answers.displayName ?? answers.name,
    description: answers.description ?? '',
    port: answers.port ?? null,
    healthUrl: answers.port ? `http://127.0.0.1:${answers.port}/health` : null,
    account: answers.account,
  });
}

/** Validates the text it would write, then writes it; never overwrites unless `force`. */
export async function writeSpec(file: string, answers: InitAnswers, force: boolean): Promise<string> {
  const text = specText(answers);
  parseSpec(text, file, { env: {} });
  try {
    await writeFile(file, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SvcforgeError(`${file} already exists`, 'SPEC_EXISTS', ExitCode.invalid, ['edit it, or pass --force to replace it']);
    }
    throw error;
  }
  return text;
}
