#!/usr/bin/env node
// Start-up is part of the product: `svcforge --version` answers without loading
// oclif, and Node's on-disk compile cache spares re-parsing zod, yaml and oclif.
import module from 'node:module';

module.enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { printVersion } = await import('./version.js');
  printVersion();
} else {
  const { execute } = await import('../dist/cli.js');
  await execute({ dir: import.meta.url });
}
