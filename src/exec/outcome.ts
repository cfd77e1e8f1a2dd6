/** A run's summary -> the command's result, or the error that names what failed. */
import { ExitCode, SvcforgeError } from '../errors.js';
import type { StepRecord } from './record.js';
import type { RunSummary } from './runner.js';

export interface OperationResult {
  name: string;
  whatIf: boolean;
  records: StepRecord[];
  changed: number;
}

export function outcome(name: string, whatIf: boolean, summary: RunSummary): OperationResult {
  try {
    return succeeded(name, whatIf, summary);
  } catch (error) {
    (error as SvcforgeError).records = summary.records;
    throw error;
  }
}

function succeeded(name: string, whatIf: boolean, summary: RunSummary): OperationResult {
  if (summary.sessionError) {
    throw new SvcforgeError(summary.sessionError.message, summary.sessionError.code, ExitCode.failed, [
      'nothing after that step ran; run the same command again: every step checks what is already done',
    ]);
  }
  if (summary.failed) {
    throw new SvcforgeError(`step ${summary.failed.step} failed: ${summary.failed.detail}`, 'STEP_FAILED', ExitCode.failed, [
      'fix the cause and run the same command again: steps that already succeeded report unchanged',
    ]);
  }
  if (summary.interrupted) {
    throw new SvcforgeError(`interrupted: stopped after the current step; not run: ${summary.notRun.join(', ')}`, 'INTERRUPTED', ExitCode.failed, [
      'run the same command again to finish',
    ]);
  }
  return { name, whatIf, records: summary.records, changed: summary.records.filter((record) => record.status === 'changed').length };
}
