/**
 * One isolated Handlebars instance with the helpers and partials, over the
 * precompiled templates (template-specs.ts decides how they are compiled).
 */
import Handlebars from 'handlebars/runtime';
import { helpers } from './helpers.js';
import { templateSpecs } from './template-specs.js';

export type Template = (view: object) => string;

export interface TemplateSet {
  render(name: string, view: object): string;
}

export function loadTemplates(): TemplateSet {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) {
    handlebars.registerHelper(name, (...args: unknown[]) => (helper as (...values: unknown[]) => unknown)(...args.slice(0, -1)));
  }
  const specs = templateSpecs();
  for (const [name, spec] of Object.entries(specs.partials)) handlebars.registerPartial(name, handlebars.template(spec));
  const compiled = new Map<string, Template>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        const spec = specs.templates[name];
        if (!spec) throw new Error(`no template ${name}.hbs`);
        template = handlebars.template(spec);
        compiled.set(name, template);
      }
      return template(view);
    },
  };
}
