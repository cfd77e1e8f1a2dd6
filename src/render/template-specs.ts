/**
 * templates/*.hbs and templates/partials/*.hbs as Handlebars template specs.
 * From source (tests, bin/dev.js) they are precompiled here on load; the bundled
 * CLI gets this module swapped for the same specs precompiled at build time
 * (scripts/bundle.mjs), so it ships Handlebars' runtime only and parses no template.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../package-info.js';

type Spec = Parameters<typeof Handlebars.template>[0];

export interface TemplateSpecs {
  templates: Record<string, Spec>;
  partials: Record<string, Spec>;
}

/** Template name -> JavaScript source of its spec; what the bundled CLI embeds. */
export function precompileTemplates(directory = join(packageRoot, 'templates')): { templates: Record<string, string>; partials: Record<string, string> } {
  return { templates: precompileFolder(directory), partials: precompileFolder(join(directory, 'partials')) };
}

function precompileFolder(folder: string): Record<string, string> {
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.hbs'))
    .sort();
  // strict: a missing field is an error, not an empty string; noEscape: the helpers
  // do all quoting, for PowerShell, not HTML.
  const precompile = (file: string) => Handlebars.precompile(readFileSync(join(folder, file), 'utf8'), { strict: true, noEscape: true }) as unknown as string;
  return Object.fromEntries(files.map((file) => [file.replace(/\.hbs$/, ''), precompile(file)]));
}

export function templateSpecs(): TemplateSpecs {
  const { templates, partials } = precompileTemplates();
  const evaluate = (sources: Record<string, string>) =>
    Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, new Function(`return ${source};`)() as Spec]));
  return { templates: evaluate(templates), partials: evaluate(partials) };
}
