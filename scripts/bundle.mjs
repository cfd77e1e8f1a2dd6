// Bundles each command with its dependencies (shared code split into chunks), so
// a command loads a handful of files instead of hundreds: start-up is a product
// feature (bench/cli). @oclif/core stays external: bin/run.js and the commands
// must share one instance of it.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const { precompileTemplates } = await tsImport('../src/render/template-specs.ts', import.meta.url);

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

// Topic commands live in subfolders (src/commands/firewall/open.ts -> `svcforge firewall open`).
const commands = readdirSync('src/commands', { recursive: true })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/commands/${file.split('\\').join('/')}`);
// esbuild never deletes: without this, chunks of earlier builds pile up in dist/chunks.
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: commands,
  outdir: 'dist',
  outbase: 'src',
  entryNames: '[dir]/[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: ['@oclif/core'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [precompiledTemplates],
  banner: { js: "import { createRequire as __svcforgeRequire } from 'node:module'; const require = __svcforgeRequire(import.meta.url);" },
});
