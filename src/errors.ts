/**
 * Exit codes and the one error type every command throws. Documented in README.md
 * ("Exit codes"); change them only together with the README.
 */
export const ExitCode = {
  ok: 0,
  /** a step that changes the system failed, or a check found problems */
  failed: 1,
  /** the spec or the command line is invalid; nothing was changed */
  invalid: 2,
  /** the environment is missing something: PowerShell, elevation, a build */
  environment: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One problem in a spec, located as precisely as the source allows. */
export interface SpecProblem {
  /** dotted field path, e.g. `recovery.backoff.max`; '' for the document itself */
  path: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

export function formatProblem(problem: SpecProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.path ? `${where} ${problem.path}: ${problem.message}` : `${where} ${problem.message}`;
}

export class SvcforgeError extends Error {
  /** what was done before the failure (step records), for --json */
  records?: unknown[];

  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: ExitCode,
    readonly suggestions: string[] = [],
    readonly problems: SpecProblem[] = [],
  ) {
    super(message);
    this.name = 'SvcforgeError';
  }
}

export class SpecError extends SvcforgeError {
  constructor(problems: SpecProblem[]) {
    const count = problems.length;
    const file = problems[0]?.file ?? 'spec';
    super(
      `${file}: ${count} problem${count === 1 ? '' : 's'}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      'SPEC_INVALID',
      ExitCode.invalid,
      ['fix the fields above and run `svcforge validate` again'],
      problems,
    );
  }
}

export function usageError(message: string, suggestion?: string): SvcforgeError {
  return new SvcforgeError(message, 'USAGE', ExitCode.invalid, suggestion ? [suggestion] : []);
}
