/**
 * One persistent PowerShell session vs one pwsh process per step, same run, same steps.
 *
 * Each of STEPS (default 50) steps is a realistic test-then-set step: a function from a
 * small module (written to a temp folder) that reads a file, writes it when its content
 * differs and returns a SvcForge step record (New-SvcForgeStepRecord). Both sides import
 * the real SvcForge module and the step module: the session once at start (counted as
 * its start cost), the separate processes once each, as a rendered script would.
 * The two are interleaved step by step (session step i, then process step i) so load
 * from anything else on the machine hits both alike. Every step's record is checked:
 * a run whose steps failed prints no numbers.
 *
 * Run: npm run bench:session   (writes bench/session/results.md)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isStepRecord, type StepRecord } from '../../src/exec/record.js';
import { PowerShellSession } from '../../src/exec/session.js';
import { findShell } from '../../src/exec/shell.js';
import { psString } from '../../src/quote/powershell.js';

const STEPS = Number(process.env.BENCH_STEPS || 50);
const repoRoot = path.join(import.meta.dirname, '..', '..');
const svcforgeModule = path.join(repoRoot, 'ps-scripts', 'SvcForge', 'SvcForge.psd1');
const shell = findShell();

const STEP_MODULE = String.raw`
function Set-BenchConfigFile {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Step,
        [Parameter(Mandatory)][string]$Path,
        [Parameter(Mandatory)][string]$Content
    )
    $current = $null
    if (Test-Path -LiteralPath $Path) {
        $current = [System.IO.File]::ReadAllText($Path)
    }
    if ($current -ceq $Content) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$Path is up to date"
    }
    [System.IO.File]::WriteAllText($Path, $Content)
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "wrote $Path" -Changes @("content of $Path")
}
Export-ModuleMember -Function Set-BenchConfigFile
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function stepCommand(i: number, dir: string): string {
  return `Set-BenchConfigFile -Step ${psString(`conf-${i}`)} -Path ${psString(path.join(dir, `step-${i}.conf`))} -Content ${psString(`port = ${8000 + i}\n`)}`;
}

function checkRecords(records: unknown[], i: number, side: string): StepRecord {
  const record = records[0];
  if (records.length !== 1 || !isStepRecord(record) || record.step !== `conf-${i}` || record.status !== 'changed') {
    throw new Error(`${side} step ${i} did not return the expected record: ${JSON.stringify(records)}`);
  }
  return record;
}

/** one pwsh per step, as `pwsh -NoProfile -NonInteractive -Command` would run it */
function runProcess(command: string): Promise<{ ms: number; stdout: string; stderr: string; code: number | null }> {
  const started = performance.now();
  const script = `$ErrorActionPreference = 'Stop'; Import-Module -Name ${psString(svcforgeModule)}; Import-Module -Name ${psString(stepModule)}; ${command} | ConvertTo-SvcForgeRecordJson`;
  return new Promise((resolve, reject) => {
    const child = spawn(shell.path, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, stdout, stderr, code }));
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'svcforge-bench-session-'));
const stepModule = path.join(work, 'BenchSteps.psm1');
writeFileSync(stepModule, STEP_MODULE);
const sessionDir = path.join(work, 'session');
const processDir = path.join(work, 'process');
mkdirSync(sessionDir);
mkdirSync(processDir);

try {
  const openStarted = performance.now();
  const session = await PowerShellSession.open({ shell, preloadModules: [svcforgeModule], modulePath: stepModule });
  const startMs = performance.now() - openStarted;
  const sessionMs: number[] = [];
  const processMs: number[] = [];
  try {
    for (let i = 0; i < STEPS; i++) {
      const t = performance.now();
      const call = await session.call(stepCommand(i, sessionDir), { stepId: `conf-${i}`, timeoutMs: 60_000 });
      sessionMs.push(performance.now() - t);
      checkRecords(call.records, i, 'session');

      const run = await runProcess(stepCommand(i, processDir));
      processMs.push(run.ms);
      if (run.code !== 0) throw new Error(`process step ${i} exited ${run.code}: ${run.stderr}`);
      checkRecords(
        run.stdout
          .split('\n')
          .filter((line) => line.trim())
          .map((line) => JSON.parse(line) as unknown),
        i,
        'process',
      );
      process.stderr.write(`\rstep ${i + 1}/${STEPS}`);
    }
    process.stderr.write('\n');
  } finally {
    await session.close();
  }

  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  const sessionTotal = startMs + sum(sessionMs);
  const processTotal = sum(processMs);
  const version = spawnSync(shell.path, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
    encoding: 'utf8',
  }).stdout.trim();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const rows: [string, string, string][] = [
    ['start cost (open + import SvcForge and the step module)', `${startMs.toFixed(0)} ms`, '-'],
    ['per-step median', `${median(sessionMs).toFixed(1)} ms`, `${median(processMs).toFixed(0)} ms`],
    [
      'per-step min / max',
      `${Math.min(...sessionMs).toFixed(1)} / ${Math.max(...sessionMs).toFixed(1)} ms`,
      `${Math.min(...processMs).toFixed(0)} / ${Math.max(...processMs).toFixed(0)} ms`,
    ],
    [`total for ${STEPS} steps (session includes its start)`, `${(sessionTotal / 1000).toFixed(2)} s`, `${(processTotal / 1000).toFixed(2)} s`],
  ];
  const ratio = processTotal / sessionTotal;
  const perStepRatio = median(processMs) / median(sessionMs);
  const lines = [
    `| | one session | one pwsh per step |`,
    `|---|---:|---:|`,
    ...rows.map(([what, a, b]) => `| ${what} | ${a} | ${b} |`),
    '',
    `Total: the session is **${ratio.toFixed(1)}x** faster (target >= 10x: ${ratio >= 10 ? 'met' : 'NOT met'}); per-step median ${perStepRatio.toFixed(0)}x.`,
  ];
  const machine = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} CPUs reported by Node (nproc ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || '?'}), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `- ${os.type()} ${os.release()}, Node ${process.version}`,
    `- PowerShell ${version} at ${path.relative(repoRoot, shell.path) || shell.path} (${shell.source})`,
    `- steps: ${STEPS}, interleaved (session step i, then process step i), every record checked`,
  ];
  console.log(lines.join('\n'));
  const results = [
    '# Session benchmark: one persistent PowerShell vs one process per step',
    '',
    'Written by `npm run bench:session` (bench/session/run.ts); numbers from the last run, not edited.',
    'Each step is a function from a small module that checks a file and writes it when it differs,',
    'returning a SvcForge step record; both sides import the real SvcForge module. The session',
    'imports once (its start cost), each separate `pwsh -NoProfile -NonInteractive -Command` imports',
    'for itself, as a rendered script does.',
    '',
    ...lines,
    '',
    '## Machine',
    ...machine,
    '',
  ].join('\n');
  writeFileSync(path.join(import.meta.dirname, 'results.md'), results);
  console.log(machine.join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
