// Bundles each command with its dependencies (shared code split into chunks), so
// a command loads a handful of files instead of hundreds: start-up is a product
// feature (bench/cli). @oclif/core is bundled too, into a chunk that dist/cli.js
// (what bin/run.js loads) and the commands share: one instance of it.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { eagerFactories } from './eager-factories.mjs';

const { precompileTemplates } = await tsImport('../src/render/template-specs.ts', import.meta.url);
const { moduleFiles } = await tsImport('../src/render/module-files.ts', import.meta.url);

// The CLI gets the templates precompiled, so it loads Handlebars' runtime only.
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]render[\\/]template-specs\.ts$/ }, () => {
      const { templates, partials } = precompileTemplates();
      const object = (specs) =>
        `{\n${Object.entries(specs)
          .map(([name, spec]) => `${JSON.stringify(name)}: ${spec},\n`)
          .join('')}}`;
      return { contents: `export function templateSpecs() {\n  return { templates: ${object(templates)}, partials: ${object(partials)} };\n}\n`, loader: 'js' };
    });
  },
};

// The CLI gets the SvcForge module merged at build time, so a render reads none of its files.
const mergedModule = {
  name: 'merged-module',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]render[\\/]module-files\.ts$/ }, () => ({
      contents: `export function moduleFiles() {\n  return ${JSON.stringify(moduleFiles())};\n}\n`,
      loader: 'js',
    }));
  },
};

// Topic commands live in subfolders (src/commands/firewall/open.ts -> `svcforge firewall open`).
const commands = readdirSync('src/commands', { recursive: true })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/commands/${file.split('\\').join('/')}`);
// esbuild never deletes: without this, chunks of earlier builds pile up in dist/chunks.
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts', ...commands],
  outdir: 'dist',
  outbase: 'src',
  entryNames: '[dir]/[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // oclif reads tsconfig.json with it only in development; resolved at run time, as unbundled.
  external: ['typescript'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [precompiledTemplates, mergedModule],
  // CommonJS in the bundle (oclif, yaml, handlebars) expects require, __filename and __dirname.
  banner: {
    js: [
      "import { createRequire as __svcforgeRequire } from 'node:module';",
      "import { fileURLToPath as __svcforgeFileURLToPath } from 'node:url';",
      'const require = __svcforgeRequire(import.meta.url);',
      'const __filename = __svcforgeFileURLToPath(import.meta.url);',
      "const __dirname = __svcforgeFileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
});
for (const file of readdirSync('dist', { recursive: true }).filter((name) => name.endsWith('.js'))) {
  const path = `dist/${file}`;
  writeFileSync(path, eagerFactories(readFileSync(path, 'utf8')));
}
