/** Step records for people: one aligned line per record, coloured when stdout is a terminal. */
import chalk from 'chalk';
import type { StepRecord } from '../exec/record.js';
import type { RunSummary } from '../exec/runner.js';

const paint: Record<StepRecord['status'], (text: string) => string> = {
  changed: chalk.yellow,
  unchanged: chalk.green,
  skipped: chalk.gray,
  failed: chalk.red,
};

export function formatRecord(record: StepRecord): string {
  const status = paint[record.status](record.status.padEnd(9));
  // A detail of several lines (a failed gate's log tail) stays readable under its step.
  return `  ${status} ${record.step.padEnd(32)} ${record.detail.replaceAll('\n', '\n      ')}`;
}

export function formatSummary(name: string, summary: RunSummary, verb: string): string {
  const counts = new Map<string, number>();
  for (const record of summary.records) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
  const parts = ['changed', 'unchanged', 'skipped', 'failed'].filter((status) => counts.has(status)).map((status) => `${counts.get(status)} ${status}`);
  const outcome = summary.failed ? `failed at ${summary.failed.step}` : summary.interrupted ? 'interrupted' : 'done';
  return `${verb} ${name}: ${outcome} (${parts.join(', ') || 'no steps'})`;
}
