/** The step record: what every SvcForge step returns, and what the CLI shows and prints with --json. */

export const stepStatuses = ['changed', 'unchanged', 'skipped', 'failed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface StepRecord {
  step: string;
  status: StepStatus;
  detail: string;
  changes: string[];
  /** a failed step's PowerShell error id, e.g. SvcForge.ReleaseInvalid,Test-SvcForgeRelease */
  errorId?: string;
  /** 'remove' on a step that removes something the spec no longer names (a service, a rule, a file) */
  action?: 'remove';
}

export function isStepRecord(value: unknown): value is StepRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.step === 'string' &&
    typeof record.status === 'string' &&
    (stepStatuses as readonly string[]).includes(record.status) &&
    (record.detail === undefined || record.detail === null || typeof record.detail === 'string') &&
    (record.changes === undefined || record.changes === null || (Array.isArray(record.changes) && record.changes.every((c) => typeof c === 'string'))) &&
    (record.action === undefined || record.action === null || record.action === 'remove')
  );
}

/** A record with `detail` and `changes` always present (PowerShell may send null for them). */
export function normalizeRecord(record: StepRecord): StepRecord {
  const { action, errorId, ...rest } = record;
  // `throw 'text'` gets the text itself as its FullyQualifiedErrorId: that is no id
  const hasId = typeof errorId === 'string' && errorId !== '' && errorId !== record.detail;
  return {
    ...rest,
    detail: record.detail ?? '',
    changes: record.changes ?? [],
    ...(action ? { action } : {}),
    ...(hasId ? { errorId } : {}),
  };
}

export function failedRecord(step: string, detail: string): StepRecord {
  return { step, status: 'failed', detail, changes: [] };
}
