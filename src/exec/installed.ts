/**
 * An installed service as svcforge left it: `apply` and install.ps1 keep the bundle,
 * with the spec as resolved (svcforge.json), in C:\ProgramData\svcforge\<name>\bundle;
 * a plain uninstall keeps that spec as C:\ProgramData\svcforge\<name>\svcforge.json
 * (beside the logs it leaves) until --purge.
 * Reading that copy back gives the exact Deployment to undo, without the original
 * spec file or the profile and environment it was rendered with.
 */
import { ExitCode, SvcforgeError } from '../errors.js';
import { dataPaths, deriveDeployment } from '../model/derive.js';
import type { Planned } from '../pipeline.js';
import { psArray } from '../quote/powershell.js';
import { serviceNamePattern, specSchema } from '../spec-file/schema.js';
import { preloadFromEnvironment } from './apply.js';
import { PowerShellSession } from './session.js';

/** Where the resolved spec is while installed (with the bundle), and after a plain uninstall. */
export function keptSpecPaths(name: string): string[] {
  const { keptBundleSpecFile, keptSpecFile } = dataPaths(name);
  return [keptBundleSpecFile, keptSpecFile];
}

export async function plannedFromInstalled(name: string, shell?: string): Promise<Planned> {
  if (!serviceNamePattern.test(name)) {
    throw new SvcforgeError(`${name} is neither a spec file nor a service name`, 'USAGE', ExitCode.invalid, [
      'give the spec file, or the service name, e.g. gin-hello',
    ]);
  }
  const paths = keptSpecPaths(name);
  const session = await PowerShellSession.open({ shell, preloadModules: preloadFromEnvironment() });
  let found: { path: string; text: string } | undefined;
  try {
    const read = await session.invoke(
      [
        `foreach ($path in ${psArray(paths)}) {`,
        '    if (Test-Path -LiteralPath $path -PathType Leaf) { [pscustomobject]@{ path = $path; text = [string](Get-Content -LiteralPath $path -Raw) }; break }',
        '}',
      ].join('\n'),
      { timeoutMs: 30_000, stepId: 'find-installed' },
    );
    if (read.error) throw new SvcforgeError(`cannot read ${paths.join(' or ')}: ${read.error.message}`, 'INSTALLED_READ_FAILED', ExitCode.failed);
    found = read.records[0] as { path: string; text: string } | undefined;
  } finally {
    await session.close();
  }
  if (found === undefined) {
    throw new SvcforgeError(`no service ${name} installed by svcforge here (neither ${paths.join(' nor ')} exists)`, 'SERVICE_NOT_FOUND', ExitCode.failed, [
      'give the spec file instead: svcforge uninstall path/to/svcforge.yaml',
    ]);
  }
  const { path, text } = found;
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
