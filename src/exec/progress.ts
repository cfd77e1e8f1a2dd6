/**
 * What apply, plan, uninstall and init --apply share: run an operation with each
 * record printed as it lands, Ctrl+C stopping after the current step, a one-line
 * summary on stderr, and the outcome (result or the error naming the failed step).
 */
import { formatRecord, formatSummary } from '../formatters/steps.js';
import { runOperation, type OperationRequest } from './apply.js';
import { outcome, type OperationResult } from './outcome.js';
import { stopAfterCurrentStepOnSigint } from './runner.js';

export interface Output {
  log(line: string): void;
  logToStderr(line: string): void;
  jsonEnabled(): boolean;
}

export async function runWithProgress(output: Output, request: Omit<OperationRequest, 'onRecord' | 'signal'>, verb: string): Promise<OperationResult> {
  const interrupt = stopAfterCurrentStepOnSigint(() => output.logToStderr('stopping after the current step (Ctrl+C again to abort at once)'));
  try {
    const summary = await runOperation({ ...request, signal: interrupt.signal, onRecord: (record) => output.log(formatRecord(record)) });
    if (!output.jsonEnabled()) output.logToStderr(formatSummary(request.planned.deployment.name, summary, verb));
    return outcome(request.planned.deployment.name, request.whatIf ?? false, summary);
  } finally {
    interrupt.dispose();
  }
}
