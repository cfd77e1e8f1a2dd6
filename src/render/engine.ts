/**
 * One isolated Handlebars instance: strict (a missing field is an error, not an
 * empty string) and noEscape (the helpers do all quoting, for PowerShell, not HTML).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../package-info.js';
import { helpers } from './helpers.js';

export type Template = (view: object) => string;

export interface TemplateSet {
  render(name: string, view: object): string;
}

export function loadTemplates(directory = join(packageRoot, 'templates')): TemplateSet {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) {
    handlebars.registerHelper(name, (...args: unknown[]) => (helper as (...values: unknown[]) => unknown)(...args.slice(0, -1)));
  }
  const partials = join(directory, 'partials');
  for (const file of readdirSync(partials).sort()) {
    handlebars.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partials, file), 'utf8'));
  }
  const compiled = new Map<string, Template>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        const source = readFileSync(join(directory, `${name}.hbs`), 'utf8');
        template = handlebars.compile(source, { strict: true, noEscape: true });
        compiled.set(name, template);
      }
      return template(view);
    },
  };
}
