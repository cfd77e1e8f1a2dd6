/**
 * CLI start-up cost against bare Node, measured in one run on this machine:
 * `node -e 0`, `svcforge --version`, and `svcforge render` of the Gin example.
 * Targets (issue 3): --version within 3x and render within 5x of bare node.
 * Runs are interleaved so machine noise hits all three alike; medians are compared.
 *   npm run bench:cli [-- --runs 15]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const out = mkdtempSync(join(tmpdir(), 'svcforge-bench-cli-'));
const bin = join(root, 'bin', 'run.js');
const spec = join(root, 'examples', 'gin-hello', 'svcforge.yaml');

const subjects: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'svcforge --version': [bin, '--version'],
  'svcforge render': [bin, 'render', spec, '--out', join(out, 'bundle'), '--force'],
};

function time(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`);
  return elapsed;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
for (const args of Object.values(subjects)) time(args);
for (let run = 0; run < runs; run += 1) {
  for (const [name, args] of Object.entries(subjects)) samples[name]!.push(time(args));
}
rmSync(out, { recursive: true, force: true });

const base = median(samples['node -e 0']!);
const targets: Record<string, number> = { 'svcforge --version': 3, 'svcforge render': 5 };
const lines = [
  `# bench/cli: ${new Date().toISOString()}`,
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${runs} interleaved runs`,
  '',
  '| command | median ms | ratio to node -e 0 | target | met |',
  '|---|---|---|---|---|',
  ...Object.keys(subjects).map((name) => {
    const value = median(samples[name]!);
    const ratio = value / base;
    const target = targets[name];
    return `| ${name} | ${value.toFixed(1)} | ${ratio.toFixed(2)}x | ${target ? `<= ${target}x` : '-'} | ${target ? (ratio <= target ? 'yes' : 'NO') : '-'} |`;
  }),
];
const report = `${lines.join('\n')}\n`;
process.stdout.write(report);
writeFileSync(join(import.meta.dirname, 'results.md'), report);
