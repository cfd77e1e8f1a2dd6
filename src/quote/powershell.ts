/**
 * PowerShell literals: the only way a value enters a PowerShell script, whether a
 * rendered file or a script the CLI's session runs. Each helper produces a complete
 * literal, so neither templates nor the code that builds a script write a quote
 * themselves. The folder holds one file per target language and imports nothing.
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
