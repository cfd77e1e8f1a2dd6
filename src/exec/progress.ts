/**
 * What every command that runs steps shares (apply, plan, uninstall, init --apply,
 * start/stop/restart, firewall open/close): each record printed as it lands, Ctrl+C
 * stopping after the current step, a one-line summary on stderr, and the outcome
 * (the result, or the error naming the failed step).
 */
import type { StepRecord } from './record.js';
import { formatRecord, formatSummary } from '../formatters/steps.js';
import { runOperation, type OperationRequest } from './apply.js';
import { outcome, type OperationResult } from './outcome.js';
import { stopAfterCurrentStepOnSigint, type RunSummary } from './runner.js';

export interface Output {
  log(line: string): void;
  logToStderr(line: string): void;
  jsonEnabled(): boolean;
}

export interface ProgressHooks {
  signal: AbortSignal;
  onRecord: (record: StepRecord) => void;
}

export function withProgress(
  output: Output,
  verb: string,
  whatIf: boolean,
  run: (hooks: ProgressHooks) => Promise<{ name: string; summary: RunSummary }>,
): Promise<OperationResult> {
  return withProgressOf(output, verb, whatIf, run, ({ name, summary }) => outcome(name, whatIf, summary));
}

/** withProgress for runs that are more than one summary (deploy and its rollback): `conclude` makes the result. */
export async function withProgressOf<R extends { name: string; summary: RunSummary }, T>(
  output: Output,
  verb: string,
  whatIf: boolean,
  run: (hooks: ProgressHooks) => Promise<R>,
  conclude: (ran: R) => T,
): Promise<T> {
  const interrupt = stopAfterCurrentStepOnSigint(() => output.logToStderr('stopping after the current step (Ctrl+C again to abort at once)'));
  try {
    const ran = await run({ signal: interrupt.signal, onRecord: (record) => output.log(formatRecord(record, whatIf)) });
    if (!output.jsonEnabled()) output.logToStderr(formatSummary(ran.name, ran.summary, whatIf ? `plan for ${verb}` : verb, whatIf));
    return conclude(ran);
  } finally {
    interrupt.dispose();
  }
}

/** An install or uninstall operation of a spec, with progress. */
export function runWithProgress(output: Output, request: Omit<OperationRequest, 'onRecord' | 'signal'>, verb: string): Promise<OperationResult> {
  return withProgress(output, verb, request.whatIf ?? false, async (hooks) => ({
    name: request.planned.deployment.name,
    summary: await runOperation({ ...request, ...hooks }),
  }));
}
