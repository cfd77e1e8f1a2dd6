import * as z from 'zod';
import { specSchema } from './schema.js';

/** One node of the generated schema, as far as the editor help is concerned. */
export interface SchemaNode {
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  examples?: unknown[];
  unit?: string;
  properties?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

/** The JSON Schema of what a user writes (input side: durations as strings, defaults shown). */
export function specJsonSchema(): object {
  const schema = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' }) as SchemaNode;
  forEachSubschema(schema, withEditorHelp);
  return {
    ...schema,
    $id: 'https://svcforge.dev/schema/svcforge.schema.json',
    title: 'svcforge.yaml',
  };
}

/**
 * A field's zod metadata (src/spec-file/schema.ts) holds its description, examples and unit;
 * its default is zod's own. Editors show `description` (plain) or `markdownDescription`
 * (VS Code, yaml-language-server), so both carry the unit and the default; `unit` is ours,
 * not a JSON Schema keyword, so it goes.
 */
function withEditorHelp(node: SchemaNode): void {
  const { unit } = node;
  delete node.unit;
  if (typeof node.description !== 'string') return;
  const text = node.description;
  const facts: [string, string][] = [];
  if (unit !== undefined) facts.push(['Unit', unit]);
  const shown = 'default' in node && !(node.properties && isEmptyObject(node.default)) ? yamlFlow(node.default) : undefined;
  if (shown !== undefined) facts.push(['Default', shown]);
  node.description = [text, ...facts.map(([label, value]) => `${label}: ${value}.`)].join(' ');
  node.markdownDescription = [
    markdown(text),
    ...facts.map(([label, value]) => `${label}: ${label === 'Default' ? codeSpan(value) : `${markdown(value)}.`}`),
  ].join('\n\n');
}

/**
 * Plain text as Markdown that renders as written: `code spans` stay, and outside them
 * the characters Markdown would take for markup are escaped (C:\apps, <name>, templates/**).
 */
function markdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[\\`*_{}[\]<>#+!|]/g, '\\$&')))
    .join('');
}

function codeSpan(value: string): string {
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

/** Visits every schema in the tree (not `default` or `examples` values, which are data). */
export function forEachSubschema(node: SchemaNode, visit: (node: SchemaNode, path: string[]) => void, path: string[] = []): void {
  visit(node, path);
  for (const [name, child] of Object.entries(node.properties ?? {})) forEachSubschema(child, visit, [...path, name]);
  for (const keyword of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) {
    const child = node[keyword];
    if (isSchema(child)) forEachSubschema(child, visit, [...path, keyword === 'items' ? '[]' : `<${keyword}>`]);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    const children = node[keyword];
    if (Array.isArray(children)) children.filter(isSchema).forEach((child) => forEachSubschema(child, visit, path));
  }
}

function isSchema(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isSchema(value) && Object.keys(value).length === 0;
}

/** A default as it would be written in svcforge.yaml: 15s, "", [domain, private], {}. */
function yamlFlow(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  if (isSchema(value))
    return `{${Object.entries(value)
      .map(([key, item]) => ` ${key}: ${yamlFlow(item)}`)
      .join(',')}${isEmptyObject(value) ? '' : ' '}}`;
  return JSON.stringify(value);
}
