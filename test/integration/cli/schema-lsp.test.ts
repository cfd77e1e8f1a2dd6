/**
 * The committed JSON Schema as an editor uses it: a real yaml-language-server (what VS Code's
 * YAML extension runs), driven over LSP, shows our descriptions on hover, offers the keys of
 * a mapping on completion and flags a misspelt field.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaNode } from '../../../src/spec-file/json-schema.js';
import { LspClient, type Notification } from '../../support/lsp.js';
import { repoRoot } from '../../support/render-case.js';
import { skipForMissing } from '../../support/skip.js';

const schemaFile = join(repoRoot, 'schema', 'svcforge.schema.json');
const exampleFile = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');
const exampleText = readFileSync(exampleFile, 'utf8');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as SchemaNode;
const patience = 30_000;

/** Documents the server only knows from didOpen; named svcforge.yaml so yaml.schemas maps them. */
const scratchUri = (name: string) => pathToFileURL(join(tmpdir(), 'svcforge-lsp', name, 'svcforge.yaml')).href;

function serverScript(): string | undefined {
  try {
    const script = join(dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
    return existsSync(script) ? script : undefined;
  } catch {
    return undefined;
  }
}

/** Line and character of the first `text` in `document`, plus `offset` characters. */
function positionOf(document: string, text: string, offset = 0): { line: number; character: number } {
  const index = document.indexOf(text);
  if (index < 0) throw new Error(`${JSON.stringify(text)} is not in the document`);
  const before = document.slice(0, index + offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

function field(...path: string[]): SchemaNode {
  return path.reduce((node, name) => node.properties![name]!, schema);
}

interface Diagnostic {
  message: string;
  /** 1 error, 2 warning, 3 information, 4 hint */
  severity?: number;
  range: { start: { line: number; character: number } };
}

describe('the JSON Schema in yaml-language-server', function () {
  this.timeout(120_000);
  let server: LspClient | undefined;
  const settings = {
    yaml: {
      schemas: { [pathToFileURL(schemaFile).href]: ['svcforge.yaml'] },
      hover: true,
      completion: true,
      validate: true,
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: {},
  };

  const open = (uri: string, text: string) => server!.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const diagnosticsFor = (uri: string, matches: (diagnostics: Diagnostic[]) => boolean = () => true) =>
    server!
      .waitForNotification(
        `diagnostics for ${uri}`,
        (n: Notification) =>
          n.method === 'textDocument/publishDiagnostics' &&
          (n.params as { uri: string }).uri === uri &&
          matches((n.params as { diagnostics: Diagnostic[] }).diagnostics),
        patience,
      )
      .then((n) => (n.params as { diagnostics: Diagnostic[] }).diagnostics);
  const hover = async (uri: string, document: string, text: string, offset = 1) => {
    const result = await server!.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(document, text, offset),
    });
    return result?.contents.value ?? '';
  };

  const typoUri = scratchUri('typo');
  const typoText = 'name: web\nprogam: C:\\web.exe\n';
  const exampleUri = pathToFileURL(exampleFile).href;
  const recoveryUri = scratchUri('recovery');
  const recoveryText = exampleText.replace(/^recovery:\n(?: {2}.*\n)+/m, 'recovery:\n  \n');
  let typoDiagnostics: Diagnostic[];

  before(async function () {
    const script = serverScript();
    if (!script) return skipForMissing(this, 'yaml-language-server is not installed', 'run `npm ci` (it is a devDependency)');
    server = new LspClient(process.execPath, [script, '--stdio'], (method, params) => {
      if (method === 'workspace/configuration') {
        return (params as { items: { section?: string }[] }).items.map((item) => settings[item.section as keyof typeof settings] ?? null);
      }
      return null;
    });
    await server.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      workspaceFolders: [{ uri: pathToFileURL(repoRoot).href, name: 'svcforge' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: {},
        },
      },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings });
    // The misspelt field is flagged only once the server has our schema: from then on,
    // hover and completion answer from it too.
    open(typoUri, typoText);
    typoDiagnostics = await diagnosticsFor(typoUri, (diagnostics) => diagnostics.some((d) => d.message.includes('progam')));
    open(exampleUri, exampleText);
    open(recoveryUri, recoveryText);
  });

  after(async () => {
    await server?.stop(10_000);
  });

  it('flags a misspelt field on its line, naming it', () => {
    const typo = typoDiagnostics.find((d) => d.message.includes('progam'))!;
    expect(typo.range.start.line, typo.message).to.equal(1);
    expect(typo.message).to.match(/progam/);
    expect(typo.severity, 'an error, not a hint').to.equal(1);
  });

  it('finds nothing wrong in the gin-hello example', async () => {
    const diagnostics = await diagnosticsFor(exampleUri);
    expect(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`)).to.deep.equal([]);
  });

  it('shows the description of name, program and recovery.restart on hover', async () => {
    for (const [text, node] of [
      ['name: gin-hello', field('name')],
      ['program: C:', field('program')],
      ['  restart: on-failure', field('recovery', 'restart')],
    ] as const) {
      const shown = await hover(exampleUri, exampleText, text, text.startsWith(' ') ? 3 : 1);
      expect(node.markdownDescription, text).to.be.a('string');
      expect(shown, text).to.include(node.markdownDescription!);
    }
    expect(await hover(exampleUri, exampleText, 'name: gin-hello')).to.include('The SCM service name');
  });

  it('shows the unit, default and example of a field inside a flow mapping on hover', async () => {
    const shown = await hover(exampleUri, exampleText, 'initial: 1s');
    expect(shown).to.include(field('recovery', 'backoff', 'initial').markdownDescription);
    expect(shown).to.include('Unit: duration');
    expect(shown).to.include('Default: `1s`');
    expect(shown).to.include('```yaml\n2s\n```');
  });

  it('offers the keys of recovery, and only those, inside recovery:', async () => {
    const result = await server!.request<{ items: { label: string }[] } | { label: string }[]>('textDocument/completion', {
      textDocument: { uri: recoveryUri },
      position: positionOf(recoveryText, 'recovery:\n  \n', 'recovery:\n  '.length),
    });
    const labels = (Array.isArray(result) ? result : result.items).map((item) => item.label);
    expect(labels).to.include.members(['restart', 'backoff', 'exitCodes', 'giveUpAfter', 'scm']);
    expect(labels).to.not.include('program');
  });
});
