// `svcforge --version` in oclif's format (name/version platform-arch node-version),
// without loading oclif.
import { readFileSync } from 'node:fs';

export function printVersion() {
  const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${name}/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
}
