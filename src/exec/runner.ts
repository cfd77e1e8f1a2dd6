/**
 * Runs a list of steps through one session, in order, for apply/uninstall and friends:
 * live records, stop at the first failure, and stop after the current step when the
 * caller's AbortSignal fires (Ctrl+C). Formatting is the caller's: this returns data.
 */
import { failedRecord, type StepRecord } from './record.js';
import { killAllSessions, SessionError, type PowerShellSession, type SessionMessage } from './session.js';

export interface Step {
  id: string;
  /** PowerShell that returns step records, e.g. `Set-SvcForgeService -Name 'web' ...` */
  script: string;
  timeoutMs?: number;
}

export interface RunOptions {
  /** each record as it arrives, including the `skipped` records of steps not run */
  onRecord?: (record: StepRecord) => void;
  onMessage?: (step: string, message: SessionMessage) => void;
  /** when it fires, the current step finishes and the rest are not run */
  signal?: AbortSignal;
  /** for steps without their own timeoutMs; 5 minutes by default */
  defaultTimeoutMs?: number;
}

export interface RunSummary {
  /** every record, in order, ending with a `skipped` record per step not run */
  records: StepRecord[];
  /** the first failed record; the run stopped after its step */
  failed?: StepRecord;
  /** set when the session itself failed (STEP_TIMEOUT, SESSION_DIED, SESSION_DEAD); the session is dead */
  sessionError?: SessionError;
  /** the signal fired and steps were left out */
  interrupted: boolean;
  /** ids of the steps that did not run */
  notRun: string[];
}

export async function runSteps(session: PowerShellSession, steps: readonly Step[], options: RunOptions = {}): Promise<RunSummary> {
  const records: StepRecord[] = [];
  const emit = (record: StepRecord): void => {
    records.push(record);
    options.onRecord?.(record);
  };
  let failed: StepRecord | undefined;
  let sessionError: SessionError | undefined;
  let index = 0;
  for (; index < steps.length; index++) {
    if (options.signal?.aborted) break;
    const step = steps[index]!;
    let delivered = 0;
    try {
      const result = await session.call(step.script, {
        stepId: step.id,
        timeoutMs: step.timeoutMs ?? options.defaultTimeoutMs ?? 300_000,
        onRecord: (record) => {
          delivered += 1;
          emit(record);
        },
        onMessage: options.onMessage && ((message) => options.onMessage?.(step.id, message)),
      });
      for (const record of result.records.slice(delivered)) emit(record);
      failed = result.records.find((record) => record.status === 'failed');
    } catch (error) {
      if (!(error instanceof SessionError)) throw error;
      sessionError = error;
      failed = failedRecord(step.id, error.message);
      emit(failed);
    }
    if (failed) {
      index += 1;
      break;
    }
  }
  const interrupted = !failed && index < steps.length;
  const notRun = steps.slice(index).map((step) => step.id);
  const why = failed ? `not run: step ${failed.step} failed` : 'not run: interrupted';
  for (const id of notRun) emit({ step: id, status: 'skipped', detail: why, changes: [] });
  return { records, interrupted, notRun, ...(failed ? { failed } : {}), ...(sessionError ? { sessionError } : {}) };
}

/**
 * Ctrl+C for a CLI that runs steps: the first SIGINT aborts the returned signal, so
 * runSteps stops after the current step (onFirst can print "stopping after <step>");
 * a second SIGINT kills the PowerShell session(s) and exits 130 at once.
 */
export function stopAfterCurrentStepOnSigint(onFirst?: () => void): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      onFirst?.();
      return;
    }
    killAllSessions();
    process.exit(130);
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', handler) };
}
