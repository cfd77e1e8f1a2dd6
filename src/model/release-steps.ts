/**
 * The deploy and rollback steps, as data, like install's (steps.ts): deploy.ps1 renders
 * them and `svcforge deploy` / `rollback` run the very same list through the session.
 *
 * A deploy is: take the lock; verify the zip against its release.json; converge the
 * install (the service config, host conf, exe and bundle, without starting); unpack it
 * to releases\<version> (each file's SHA-256 checked as it is written); then activate it (switch the pointer, point the firewall rules at
 * its program, restart the program gracefully while the host keeps the service running,
 * wait for the health gate); finally prune old releases
 * and let go of the lock. When activation fails, the caller runs `rollback` (the same
 * activation, ids prefixed) with $releaseVersion set to the last release that passed.
 */
import type { Deployment, ReleaseFacts } from './deployment.js';
import { firewallSteps, installPlan, restartPendingFile, startTimeoutSeconds, step, type Step } from './steps.js';

export interface ReleasePlan {
  /** needs the service account's password (account type user) */
  needsCredential: boolean;
  /** lock, verify, install steps, unpack: nothing the running service sees yet */
  prepare: Step[];
  /** switch to $releaseVersion, firewall, restart, gate */
  activate: Step[];
  /** activate again with $releaseVersion = the last good release, when activate failed */
  rollback: Step[];
  /** prune, unlock */
  finish: Step[];
}

/** ErrorIds of failures that leave nothing changed: the caller's input was wrong (exit 2). */
export const invalidInputErrorIds = ['SvcForge.ReleaseInvalid', 'SvcForge.ReleaseConflict', 'SvcForge.ReleaseMissing', 'SvcForge.DeployLocked'] as const;

export function requireRelease(deployment: Deployment): ReleaseFacts {
  if (!deployment.release) throw new TypeError(`${deployment.name}: the spec has no release: section`);
  return deployment.release;
}

export function deployPlan(deployment: Deployment, bundleFiles: readonly string[]): ReleasePlan {
  const release = requireRelease(deployment);
  const install = installPlan(deployment, bundleFiles);
  return {
    needsCredential: install.needsCredential,
    prepare: [
      lockStep(deployment, release),
      // First the zip: a wrong one is refused before the install is touched.
      step('verify', 'Test-SvcForgeRelease', [
        ['Path', { releaseZip: true }],
        ['Name', deployment.name],
        ['Program', release.program],
      ]),
      ...install.install,
      step('unpack', 'Expand-SvcForgeRelease', [
        ['Path', { releaseZip: true }],
        ['ReleasesDir', release.releasesDir],
      ]),
    ],
    activate: activateSteps(deployment, release),
    rollback: activateSteps(deployment, release).map((activation) => ({
      ...activation,
      id: `rollback:${activation.id}`,
      parameters: activation.parameters.map(([name, value]) => (name === 'Step' ? [name, `rollback:${activation.id}`] : [name, value])),
    })),
    finish: finishSteps(release),
  };
}

/** `svcforge rollback`: the lock, the activation of $releaseVersion, the lock let go. Nothing is pruned. */
export function rollbackPlan(deployment: Deployment): Step[] {
  const release = requireRelease(deployment);
  return [lockStep(deployment, release), ...activateSteps(deployment, release), unlockStep()];
}

function lockStep(deployment: Deployment, release: ReleaseFacts): Step {
  return step('lock', 'Enter-SvcForgeDeployLock', [
    ['Path', release.lockFile],
    ['Name', deployment.name],
  ]);
}

function unlockStep(): Step {
  return step('unlock', 'Exit-SvcForgeDeployLock', []);
}

function activateSteps(deployment: Deployment, release: ReleaseFacts): Step[] {
  return [
    step('switch', 'Set-SvcForgeCurrentRelease', [
      ['PointerPath', release.pointerFile],
      ['StatePath', release.stateFile],
      ['ReleasesDir', release.releasesDir],
      ['Version', { releaseVersion: true }],
    ]),
    ...firewallSteps(deployment, true),
    // Instances one after another: each passes its gate before the next restarts.
    ...deployment.instances.flatMap((instance) => [
      step(`restart:${instance.name}`, 'Restart-SvcForgeRelease', [
        ['Name', instance.name],
        ['StatusFile', instance.statusFile],
        ['Version', { releaseVersion: true }],
        ['TimeoutSeconds', startTimeoutSeconds(deployment)],
        ['RestartPendingFile', restartPendingFile(deployment, instance.name)],
      ]),
      step(`gate:${instance.name}`, 'Wait-SvcForgeReleaseGate', [
        ['Name', instance.name],
        ['StatusFile', instance.statusFile],
        ['StatePath', release.stateFile],
        ['Version', { releaseVersion: true }],
        ['HealthTimeoutSeconds', release.healthTimeoutSeconds],
        ['MinHealthySeconds', release.minHealthySeconds],
        ['HealthChecked', release.healthChecked],
        ['LogDir', instance.logDir],
      ]),
    ]),
  ];
}

function finishSteps(release: ReleaseFacts): Step[] {
  return [
    step('prune', 'Remove-SvcForgeOldRelease', [
      ['ReleasesDir', release.releasesDir],
      ['StatePath', release.stateFile],
      ['Keep', release.keep],
    ]),
    unlockStep(),
  ];
}
