/** The JSON Schema editors show while people type svcforge.yaml: every field explains itself. */
import { expect } from 'chai';
import * as z from 'zod';
import { forEachSubschema, specJsonSchema, type SchemaNode } from '../../../src/spec-file/json-schema.js';
import { specSchema } from '../../../src/spec-file/schema.js';

/** Every field of the schema with its dotted path: firewall[].port, profiles.<additionalProperties>.health, ... */
function fields(schema: SchemaNode): { path: string; node: SchemaNode }[] {
  const found: { path: string; node: SchemaNode }[] = [];
  forEachSubschema(schema, (node, path) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) found.push({ path: [...path, name].join('.').replaceAll('.[]', '[]'), node: child });
  });
  return found;
}

/** Every zod field with its path, unwrapped down to where its metadata can sit. */
function zodFields(node: z.ZodType, path: string[] = []): { path: string; schema: z.ZodType }[] {
  const found: { path: string; schema: z.ZodType }[] = [];
  let inner: z.ZodType = node;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject) {
    for (const [name, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      found.push({ path: [...path, name].join('.'), schema: child }, ...zodFields(child, [...path, name]));
    }
  } else if (inner instanceof z.ZodArray) {
    found.push(...zodFields(inner.element as z.ZodType, [...path, '[]']));
  } else if (inner instanceof z.ZodRecord) {
    found.push(...zodFields(inner.valueType as z.ZodType, [...path, '*']));
  }
  return found;
}

describe('spec JSON Schema', () => {
  const schema = specJsonSchema() as SchemaNode;
  const all = fields(schema);

  it('finds the fields it checks, nested ones included', () => {
    const paths = all.map((field) => field.path);
    expect(paths).to.include.members([
      'name',
      'recovery.backoff.initial',
      'firewall[].port',
      'hooks.preStart.timeout',
      'profiles.<additionalProperties>.health',
    ]);
    expect(paths.length).to.be.greaterThan(90);
  });

  it('gives every field a description, a markdownDescription and an example', () => {
    const missing = all
      .filter(({ node }) => typeof node.description !== 'string' || typeof node.markdownDescription !== 'string' || !(node.examples?.length ?? 0))
      .map(({ path }) => path);
    expect(missing, 'fields without description, markdownDescription or examples: add .meta(doc(...)) in src/spec-file/schema.ts').to.deep.equal([]);
  });

  it('states the unit and the default in what an editor shows', () => {
    const initial = schema.properties!.recovery!.properties!.backoff!.properties!.initial!;
    expect(initial.default).to.equal('1s');
    expect(initial.description).to.match(/^Delay before the first restart.* Unit: duration, .* Default: 1s\.$/);
    expect(initial.markdownDescription).to.match(/\n\nUnit: duration, [^\n]*\n\nDefault: `1s`$/);
    const profiles = schema.properties!.firewall!.items as SchemaNode;
    expect(profiles.properties!.profiles!.markdownDescription).to.match(/Default: `\[domain, private\]`$/);
  });

  it('keeps its own unit keyword out of the JSON Schema', () => {
    forEachSubschema(schema, (node, path) => expect(node, path.join('.')).to.not.have.property('unit'));
  });

  it('escapes Markdown in markdownDescription so paths and placeholders render as written', () => {
    const markdown = schema.properties!.logs!.properties!.dir!.markdownDescription!;
    expect(markdown).to.include('C:\\\\ProgramData\\\\svcforge\\\\\\<name\\>\\\\logs');
    expect(schema.properties!.release!.properties!.assets!.markdownDescription).to.include('templates/\\*\\*');
    expect(schema.properties!.program!.markdownDescription).to.include('`svcforge build`');
  });

  it('offers only examples the spec accepts', () => {
    const examplesOf = (field: z.ZodType): unknown[] => (z.globalRegistry.get(field)?.examples as unknown[] | undefined) ?? [];
    const checked = zodFields(specSchema).filter(({ schema: field }) => examplesOf(field).length > 0);
    expect(checked.length).to.be.greaterThan(90);
    for (const { path, schema: field } of checked) {
      for (const example of examplesOf(field)) {
        const parsed = field.safeParse(example);
        expect(parsed.success, `${path} example ${JSON.stringify(example)}: ${parsed.error?.message ?? ''}`).to.equal(true);
      }
    }
  });
});
