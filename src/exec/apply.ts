/**
 * Runs a deployment's steps through one persistent PowerShell session: the same
 * step list install.ps1 renders (src/model/steps.ts), from a bundle staged on this
 * machine, so what runs is exactly what `svcforge render` would write.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import { installPlan, uninstallPlan, type Step as PlanStep } from '../model/steps.js';
import { bundleFor, type Planned } from '../pipeline.js';
import { psBool, psStepCall, psString } from '../render/quote.js';
import { bundleFiles } from '../render/view.js';
import { writeBundle } from '../render/write.js';
import type { StepRecord } from './record.js';
import { runSteps, type RunSummary } from './runner.js';
import { PowerShellSession } from './session.js';

export interface SessionRunOptions {
  shell?: string;
  whatIf?: boolean;
  signal?: AbortSignal;
  onRecord?: (record: StepRecord) => void;
  /** test harness only: modules imported before SvcForge (SVCFORGE_SESSION_PRELOAD, path-delimited) */
  preloadModules?: string[];
}

export type Operation = 'install' | 'uninstall' | 'purge';

export interface OperationRequest extends SessionRunOptions {
  planned: Planned;
  profile?: string;
  operation: Operation;
  noStart?: boolean;
}

export function preloadFromEnvironment(): string[] {
  return (process.env.SVCFORGE_SESSION_PRELOAD ?? '').split(delimiter).filter(Boolean);
}

/** The steps an operation runs, in order, as session scripts. */
export function operationSteps(planned: Planned, operation: Operation, noStart = false): PlanStep[] {
  if (operation === 'install') {
    const plan = installPlan(planned.deployment, keptFiles(planned));
    if (plan.needsCredential) {
      throw new SvcforgeError(
        `account ${planned.spec.account.name ?? ''} needs a password, which apply does not ask for yet`,
        'CREDENTIAL_UNSUPPORTED',
        ExitCode.invalid,
        ['render the bundle and run install.ps1 on the server: it asks for the password and writes it nowhere'],
      );
    }
    return noStart ? plan.install : [...plan.install, ...plan.start];
  }
  const plan = uninstallPlan(planned.deployment);
  return operation === 'purge' ? [...plan.remove, ...plan.purge] : plan.remove;
}

function keptFiles(planned: Planned): string[] {
  const names = bundleFiles.map((file) => file.name).filter((name) => name !== 'README.md');
  if (planned.deployment.host === 'svcforge') names.push('svcforge-host.exe', ...planned.deployment.instances.map((instance) => instance.confFile!));
  return names;
}

export async function runOperation(request: OperationRequest): Promise<RunSummary> {
  const steps = operationSteps(request.planned, request.operation, request.noStart);
  const staging = await mkdtemp(join(tmpdir(), 'svcforge-apply-'));
  let session: PowerShellSession | undefined;
  try {
    const bundleDir = join(staging, 'bundle');
    // The header of every rendered file names its --out folder: give the stable folder the
    // bundle is kept in on the target, not this random staging folder, or each apply would
    // change every kept file (and the host conf) and never report them unchanged.
    await writeBundle(bundleFor(request.planned, { profile: request.profile, outDir: request.planned.deployment.paths.bundleDir }), bundleDir);
    session = await PowerShellSession.open({
      shell: request.shell,
      modulePath: join(bundleDir, 'SvcForge', 'SvcForge.psd1'),
      preloadModules: request.preloadModules ?? preloadFromEnvironment(),
    });
    await session.invoke(`$global:bundleRoot = ${psString(bundleDir)}\n$global:common = @{ WhatIf = ${psBool(request.whatIf ?? false)} }`, {
      timeoutMs: 30_000,
      stepId: 'prepare',
    });
    const elevation = await session.invoke('Assert-SvcForgeAdministrator', { timeoutMs: 30_000, stepId: 'preflight' });
    if (elevation.error) {
      throw new SvcforgeError(elevation.error.message, 'NOT_ELEVATED', ExitCode.environment, [
        process.platform === 'win32'
          ? 'open PowerShell with "Run as administrator" and run the same svcforge command again'
          : 'run the same svcforge command again as root (sudo)',
      ]);
    }
    return await runSteps(
      session,
      steps.map((step) => ({ id: step.id, script: psStepCall(step) })),
      { onRecord: request.onRecord, signal: request.signal },
    );
  } finally {
    await session?.close();
    await rm(staging, { recursive: true, force: true });
  }
}
