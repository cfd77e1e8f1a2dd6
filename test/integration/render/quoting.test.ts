/**
 * Property tests of every quoting path, each checked by the real consumer:
 * pwsh's own parser for the scripts, the supervisor's C parser for
 * svcforge-host.conf, and Windows' CommandLineToArgvW (Wine) for the command line.
 * Samples are checked in one batch per consumer; the seed is printed on failure.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDeployment } from '../../../src/model/derive.js';
import { loadTemplates } from '../../../src/render/engine.js';
import { buildView } from '../../../src/render/view.js';
import { specSchema } from '../../../src/spec-file/schema.js';
import { commandLineToArgv, confDumpBatch } from '../../support/native-tools.js';
import { psTool, runPwshFile } from '../../support/pwsh.js';
import { requirePwsh, requireWine } from '../../support/skip.js';

const runs = Number(process.env.SVCFORGE_PROPERTY_RUNS ?? 2000);
const seed = Number(process.env.SVCFORGE_PROPERTY_SEED ?? Date.now() % 2 ** 31);

const traps = [
  "'",
  '\u2018',
  '\u2019',
  '\u201A',
  '\u201B',
  '"',
  '\u201C',
  '\u201D',
  '`',
  '$',
  '(',
  ')',
  '{',
  '}',
  '@',
  '\n',
  '\r',
  '\r\n',
  '%',
  '\\',
  ' ',
  '\t',
  '#',
  '<#',
  '#>',
  "@'",
  "'@",
  '${',
  '$(',
  '%PATH%',
  'a',
  'é',
  '\u{1F600}',
  '\u00A0',
  '\u2028',
  '\u0085',
];
const anyText = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...traps), { maxLength: 24 }).map((parts) => parts.join('')),
  )
  .map((text) => text.replaceAll('\0', ''));
const nonEmpty = anyText.map((text) => (text === '' ? 'x' : text));

interface Sample {
  displayName: string;
  description: string;
  args: string[];
  envValue: string;
}

const samples: Sample[] = fc.sample(
  fc.record({ displayName: nonEmpty.map((t) => t.slice(0, 256)), description: anyText, args: fc.array(anyText, { maxLength: 6 }), envValue: anyText }),
  { numRuns: runs, seed },
);

const templates = loadTemplates();
const generator = { version: '0.0.0', specFile: 'svcforge.yaml', profile: null, command: 'svcforge render' };

function render(sample: Sample, host: 'svcforge' | 'native') {
  const spec = specSchema.parse({
    name: 'svc',
    program: 'C:\\Program Files\\App\\app.exe',
    displayName: sample.displayName,
    description: sample.description,
    arguments: sample.args,
    ...(host === 'svcforge' ? { environment: { VALUE: sample.envValue } } : {}),
    host,
  });
  const deployment = deriveDeployment(spec);
  const view = buildView(deployment, generator);
  return {
    install: templates.render('install.ps1', view),
    conf: host === 'svcforge' ? templates.render('svcforge-host.conf', { ...view, conf: view.instances[0]!.conf }) : undefined,
  };
}

describe(`quoting properties (${runs} samples each, seed ${seed})`, function () {
  this.timeout(900_000);
  let workDir: string;
  before(function () {
    requirePwsh(this);
    workDir = mkdtempSync(join(tmpdir(), 'svcforge-quoting-'));
  });
  after(() => workDir && rmSync(workDir, { recursive: true, force: true }));

  it('gives back any displayName, description and native command line byte-exact from the pwsh AST, and the argv from CommandLineToArgvW', function () {
    const scripts: string[] = [];
    samples.forEach((sample, index) => {
      for (const host of ['svcforge', 'native'] as const) {
        const file = join(workDir, `${host}-${index}.ps1`);
        writeFileSync(file, render(sample, host).install);
        scripts.push(file);
      }
    });
    const list = join(workDir, 'scripts.txt');
    writeFileSync(list, scripts.join('\n'));
    const run = runPwshFile(psTool('Read-ScriptValues.ps1'), ['-ListFile', list]);
    expect(run.status, run.stderr).to.equal(0);
    const parsed = JSON.parse(run.stdout) as { path: string; errors: string[]; values: Record<string, { kind: string; value: string }> }[];
    expect(parsed).to.have.length(scripts.length);
    const commandLines: string[] = [];
    parsed.forEach((script, index) => {
      const sample = samples[Math.floor(index / 2)]!;
      const context = `sample ${Math.floor(index / 2)} (${JSON.stringify(sample)})`;
      expect(script.errors, context).to.deep.equal([]);
      expect(script.values['Set-SvcForgeService.DisplayName'], context).to.deep.equal({ kind: 'SingleQuoted', value: sample.displayName });
      expect(script.values['Set-SvcForgeService.Description'], context).to.deep.equal({ kind: 'SingleQuoted', value: sample.description });
      if (index % 2 === 1) commandLines.push(script.values['Set-SvcForgeService.BinaryPath']!.value);
    });
    requireWine(this);
    const split = commandLineToArgv(commandLines);
    expect(split, 'one argv per command line').to.have.length(commandLines.length);
    expect(commandLines).to.have.length(samples.length);
    split.forEach((argv, index) => {
      expect(argv, `sample ${index} (${JSON.stringify(samples[index])})`).to.deep.equal(['C:\\Program Files\\App\\app.exe', ...samples[index]!.args]);
    });
  });

  it('gives back any argument and environment value byte-exact from the supervisor config parser', () => {
    const files = samples.map((sample, index) => {
      const file = join(workDir, `host-${index}.conf`);
      writeFileSync(file, render(sample, 'svcforge').conf!);
      return file;
    });
    const results = confDumpBatch(files);
    expect(results).to.have.length(samples.length);
    results.forEach((result, index) => {
      const sample = samples[index]!;
      const context = `sample ${index} (${JSON.stringify(sample)}): ${JSON.stringify(result.errors)}`;
      expect(result.ok, context).to.equal(true);
      expect(result.config!.arg, context).to.deep.equal(sample.args);
      expect(result.config!.env, context).to.deep.equal([['VALUE', sample.envValue]]);
    });
  });
});
