/**
 * An installed service as svcforge left it: `apply` and install.ps1 keep the bundle,
 * with the spec as resolved (svcforge.json), in C:\ProgramData\svcforge\<name>\bundle.
 * Reading that copy back gives the exact Deployment to undo, without the original
 * spec file or the profile and environment it was rendered with.
 */
import { ExitCode, SvcforgeError } from '../errors.js';
import { deriveDeployment, defaultRoots } from '../model/derive.js';
import { winJoin } from '../model/windows-path.js';
import type { Planned } from '../pipeline.js';
import { psString } from '../render/quote.js';
import { serviceNamePattern, specSchema } from '../spec/schema.js';
import { preloadFromEnvironment } from './apply.js';
import { PowerShellSession } from './session.js';

export function keptSpecPath(name: string): string {
  return winJoin(defaultRoots.programData, name, 'bundle', 'svcforge.json');
}

export async function plannedFromInstalled(name: string, shell?: string): Promise<Planned> {
  if (!serviceNamePattern.test(name)) {
    throw new SvcforgeError(`${name} is neither a spec file nor a service name`, 'USAGE', ExitCode.invalid, [
      'give the spec file, or the service name, e.g. gin-hello',
    ]);
  }
  const path = keptSpecPath(name);
  const session = await PowerShellSession.open({ shell, preloadModules: preloadFromEnvironment() });
  let text: string | undefined;
  try {
    const read = await session.invoke(
      `$path = ${psString(path)}\nif (Test-Path -LiteralPath $path -PathType Leaf) { [pscustomobject]@{ text = [string](Get-Content -LiteralPath $path -Raw) } }`,
      { timeoutMs: 30_000, stepId: 'find-installed' },
    );
    if (read.error) throw new SvcforgeError(`cannot read ${path}: ${read.error.message}`, 'INSTALLED_READ_FAILED', ExitCode.failed);
    text = (read.records[0] as { text?: string } | undefined)?.text;
  } finally {
    await session.close();
  }
  if (text === undefined) {
    throw new SvcforgeError(`no service ${name} installed by svcforge here (${path} does not exist)`, 'SERVICE_NOT_FOUND', ExitCode.failed, [
      'give the spec file instead: svcforge uninstall path/to/svcforge.yaml',
    ]);
  }
  const parsed = specSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new SvcforgeError(
      `${path} is not a spec this svcforge can read: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'INSTALLED_SPEC_INVALID',
      ExitCode.failed,
      ['give the spec file instead: svcforge uninstall path/to/svcforge.yaml'],
    );
  }
  return { file: path, spec: parsed.data, deployment: deriveDeployment(parsed.data) };
}
