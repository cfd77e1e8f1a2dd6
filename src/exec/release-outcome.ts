/** Deploy and rollback runs -> the command's result, or the error that says what happened. */
import { ExitCode, SvcforgeError } from '../errors.js';
import type { DeployRun } from './deploy.js';
import { failedOnInput } from './deploy.js';
import { outcome, type OperationResult } from './outcome.js';
import type { StepRecord } from './record.js';
import type { RunSummary } from './runner.js';

export interface DeployResult extends OperationResult {
  version: string;
}

export function deployOutcome(run: DeployRun, whatIf: boolean): DeployResult {
  const records = [...run.summary.records, ...(run.rollback?.summary.records ?? [])];
  if (failedOnInput(run.summary)) {
    throw withRecords(
      new SvcforgeError(`${run.name} ${run.version}: ${run.summary.failed!.detail}`, 'RELEASE_REFUSED', ExitCode.invalid, [
        'nothing was changed: build the release again with `svcforge build` (with a new version for changed files) and deploy that zip',
      ]),
      records,
    );
  }
  if (run.rollback) throw withRecords(rolledBack(run, run.rollback), records);
  return { ...outcome(run.name, whatIf, run.summary), version: run.version };
}

/** The table of both outcomes: the release that failed, and the one serving again (or not). */
function rolledBack(run: DeployRun, rollback: { version: string; summary: RunSummary }): SvcforgeError {
  const failed = run.summary.failed!;
  const back = rollback.summary.failed;
  const rows: [string, string][] = [
    [run.version, `failed at ${failed.step}: ${firstLine(failed.detail)}`],
    [rollback.version, back ? `rollback failed at ${back.step}: ${firstLine(back.detail)}` : 'serving again: passed its gate'],
  ];
  const width = Math.max(...rows.map(([version]) => version.length), 'release'.length);
  const table = [`  ${'release'.padEnd(width)}  outcome`, ...rows.map(([version, text]) => `  ${version.padEnd(width)}  ${text}`)];
  const logTail = restLines(failed.detail);
  const message = [
    `deploy of ${run.name} ${run.version} failed; ${back ? `rolling back to ${rollback.version} failed too` : `rolled back to ${rollback.version}`}`,
    ...table,
    ...(logTail.length ? [`${run.version}: ${logTail[0]}`, ...logTail.slice(1).map((line) => `  ${line}`)] : []),
  ].join('\n');
  return new SvcforgeError(message, back ? 'ROLLBACK_FAILED' : 'ROLLED_BACK', ExitCode.failed, [
    `${run.version} stays on the host marked failed (svcforge releases); fix it and deploy a new version`,
    ...(back ? ['the service may be down: run svcforge status, then svcforge rollback --to <version>'] : []),
  ]);
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';
const restLines = (text: string): string[] =>
  text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');

function withRecords(error: SvcforgeError, records: StepRecord[]): SvcforgeError {
  error.records = records;
  return error;
}
