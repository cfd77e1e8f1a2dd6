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

export type PsParameterValue =
  | string
  | number
  | boolean
  | readonly string[]
  | { bundleFile: string }
  | { credential: true }
  | { adopt: true }
  | { secretEntries: true }
  | { releaseZip: true }
  | { releaseVersion: true }
  | { releaseProgram: { pointerFile: string; releasesDir: string; program: string; atVersion: boolean } };

/**
 * ` -Name 'x' -Port 8080 -Profile @('Domain') ...` for a command call. Bundle files
 * resolve against $bundleRoot, the credential is the $Credential variable, adopt the
 * $Adopt switch (passed as -Name:$Adopt, the one way to give a switch a value), the
 * secrets' blobs the $secretEntries hashtable and a deploy's zip and version $releaseZip
 * and $releaseVersion, all set by the script (or the session) that runs the call.
 */
export function psParameters(parameters: readonly (readonly [string, PsParameterValue])[]): string {
  return parameters
    .map(([name, value]) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new TypeError(`psParameters: not a parameter name: ${name}`);
      if (typeof value === 'object' && 'adopt' in value) return ` -${name}:$Adopt`;
      return ` -${name} ${psParameterValue(value)}`;
    })
    .join('');
}

function psParameterValue(value: PsParameterValue): string {
  if (typeof value === 'string') return psString(value);
  if (typeof value === 'number') return psInt(value);
  if (typeof value === 'boolean') return psBool(value);
  if (Array.isArray(value)) return psArray(value as readonly string[]);
  if ('bundleFile' in value) return `(Join-Path -Path $bundleRoot -ChildPath ${psString(value.bundleFile)})`;
  if ('secretEntries' in value) return '$secretEntries';
  if ('releaseZip' in value) return '$releaseZip';
  if ('releaseVersion' in value) return '$releaseVersion';
  if ('releaseProgram' in value) {
    const { pointerFile, releasesDir, program, atVersion } = value.releaseProgram;
    const which = atVersion ? '-Version $releaseVersion' : `-PointerPath ${psString(pointerFile)}`;
    return `(Resolve-SvcForgeReleaseProgram ${which} -ReleasesDir ${psString(releasesDir)} -Program ${psString(program)})`;
  }
  return '$Credential';
}

/** A SvcForge module function name; only the module's own Verb-SvcForgeNoun names pass. */
export function psCommand(name: string): string {
  if (!/^[A-Z][a-z]+-SvcForge[A-Za-z]+$/.test(name)) throw new TypeError(`psCommand: not a SvcForge command: ${name}`);
  return name;
}

/** One step as PowerShell: the module call with its parameters, and the caller's -WhatIf where it changes state. */
export function psStepCall(step: { command: string; parameters: readonly (readonly [string, PsParameterValue])[]; whatIf: boolean }): string {
  return `${psCommand(step.command)}${psParameters(step.parameters)}${step.whatIf ? ' @common' : ''}`;
}
