/**
 * doctor's execution-policy row: whether the rendered scripts can run under the
 * effective policy, and the least permissive way to make them run. It never suggests
 * `-ExecutionPolicy Bypass`, which switches the check off for whatever else runs.
 */
import type { StepRecord } from '../exec/record.js';

const record = (status: StepRecord['status'], detail: string): StepRecord => ({ step: 'execution-policy', status, detail, changes: [] });

export function executionPolicyRecord(policy: string | null | undefined): StepRecord {
  switch (policy) {
    case 'Restricted':
      return record(
        'failed',
        'the effective execution policy is Restricted: no script runs; render with `svcforge render --sign` and set AllSigned (Set-ExecutionPolicy AllSigned -Scope LocalMachine), or set RemoteSigned and run Unblock-File on the copied bundle',
      );
    case 'AllSigned':
      return record(
        'failed',
        'the effective execution policy is AllSigned: only signed scripts run; render with `svcforge render --sign` using a code-signing certificate this server trusts (its CA in Trusted Root, the certificate in Trusted Publishers)',
      );
    case 'RemoteSigned':
      return record(
        'unchanged',
        'the effective execution policy is RemoteSigned: the scripts run once the copied bundle is unblocked (Get-ChildItem -Recurse | Unblock-File) or when rendered with `svcforge render --sign`',
      );
    default:
      return record('unchanged', `the effective execution policy is ${policy ?? 'unknown'}: the rendered scripts can run`);
  }
}
