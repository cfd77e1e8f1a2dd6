/**
 * The only way a value enters a rendered file. Each helper produces a complete
 * literal of its target language, so templates never write a quote themselves.
 */

/** PowerShell single-quoted string: nothing inside expands; every kind of single quote is doubled. */
export function psString(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

export function psArray(values: readonly string[]): string {
  return `@(${values.map(psString).join(', ')})`;
}

export function psBool(value: boolean): string {
  return value ? '$true' : '$false';
}

export function psInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`psInt: not an integer: ${value}`);
  return String(value);
}

/**
 * One CreateProcess command-line argument, quoted so CommandLineToArgvW gives it
 * back unchanged: backslashes are literal unless they precede a quote.
 */
export function quoteArgument(argument: string): string {
  if (argument !== '' && !/[ \t\n\v"]/.test(argument)) return argument;
  let quoted = '"';
  let backslashes = 0;
  for (const character of argument) {
    if (character === '\\') {
      backslashes += 1;
      continue;
    }
    quoted += character === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + character;
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/** The program path is argv[0]: always quoted, and it may not contain a quote (Windows paths cannot). */
export function commandLine(program: string, args: readonly string[]): string {
  if (program.includes('"')) throw new TypeError(`commandLine: a program path cannot contain '"': ${program}`);
  return [`"${program}"`, ...args.map(quoteArgument)].join(' ');
}

/** A value in svcforge-host.conf (supervisor/FORMAT.md): bare when safe, else quoted with escapes. */
export function confValue(value: string): string {
  if (value.includes('\0')) throw new TypeError('confValue: NUL cannot be stored in svcforge-host.conf');
  const bare = value !== '' && !/^[ \t]|[ \t]$/.test(value) && !/[\u0000-\u001f\u007f]/.test(value) && !value.startsWith('"');
  if (bare) return value;
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (character) => {
    switch (character) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `"${escaped}"`;
}
