/** Step records for people: one aligned line per record, coloured when stdout is a terminal. */
import chalk from 'chalk';
import type { StepRecord } from '../exec/record.js';
import type { RunSummary } from '../exec/runner.js';

const paint: Record<string, (text: string) => string> = {
  changed: chalk.yellow,
  unchanged: chalk.green,
  skipped: chalk.gray,
  failed: chalk.red,
  remove: chalk.magenta,
  removed: chalk.magenta,
};

/**
 * The status column: the record's status, except that a change which removes something
 * the spec no longer names shows as `remove` in a plan (-WhatIf) and `removed` in a run.
 */
export function recordLabel(record: StepRecord, whatIf = false): string {
  if (record.action === 'remove' && record.status === 'changed') return whatIf ? 'remove' : 'removed';
  return record.status;
}

export function formatRecord(record: StepRecord, whatIf = false): string {
  const label = recordLabel(record, whatIf);
  const status = (paint[label] ?? ((text: string) => text))(label.padEnd(9));
  // A detail of several lines (a failed gate's log tail) stays readable under its step.
  return `  ${status} ${record.step.padEnd(32)} ${record.detail.replaceAll('\n', '\n      ')}`;
}

export function formatSummary(name: string, summary: RunSummary, verb: string, whatIf = false): string {
  const counts = new Map<string, number>();
  for (const record of summary.records) {
    const label = recordLabel(record, whatIf);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = ['changed', 'remove', 'removed', 'unchanged', 'skipped', 'failed']
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`);
  const outcome = summary.failed ? `failed at ${summary.failed.step}` : summary.interrupted ? 'interrupted' : 'done';
  return `${verb} ${name}: ${outcome} (${parts.join(', ') || 'no steps'})`;
}
