/**
 * Windows command lines: the only way a value enters a CreateProcess command line
 * (a service's binary path, NSSM's AppParameters). Each helper produces a complete
 * argument, so no caller writes a quote itself.
 */

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
