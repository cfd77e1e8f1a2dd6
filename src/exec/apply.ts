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
import { hostExeSource } from '../render/bundle.js';
import { psBool, psStepCall, psString } from '../quote/powershell.js';
import { keptFileNames } from '../render/view.js';
import { writeBundle } from '../render/write.js';
import type { StepRecord } from './record.js';
import { runSteps, type RunSummary } from './runner.js';
import { collectAccountPassword, giveSessionCredential, terminalPasswordPrompt, type PasswordSource } from './credential.js';
import { collectSecretValues, secretEntries, terminalPrompt, type SecretSource } from './secrets.js';
import { PowerShellSession } from './session.js';

export interface SessionRunOptions {
  shell?: string;
  whatIf?: boolean;
  signal?: AbortSignal;
  onRecord?: (record: StepRecord) => void;
  /** test harness only: modules imported before SvcForge (SVCFORGE_SESSION_PRELOAD, path-delimited) */
  preloadModules?: string[];
  /** where secret values come from (default: the environment, then a hidden prompt in a terminal) */
  secretSource?: SecretSource;
  /** where a `user` account's password comes from (default: SVCFORGE_ACCOUNT_PASSWORD, then a hidden prompt) */
  passwordSource?: PasswordSource;
  /** take over (apply) or delete (uninstall) a service of the spec's name that svcforge did not create */
  adopt?: boolean;
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
    const plan = installPlan(planned.deployment, keptFileNames(planned.deployment));
    return noStart ? plan.install : [...plan.install, ...plan.start];
  }
  const plan = uninstallPlan(planned.deployment);
  return operation === 'purge' ? [...plan.remove, ...plan.purge] : plan.remove;
}

/** The `user` account whose password the install steps need, if any. */
function passwordAccount(planned: Planned): string | undefined {
  return planned.deployment.instances.find((instance) => instance.account.needsPassword)?.account.name;
}

/** The stored NAME=BLOB entries of the secrets file as one JSON object ({} when there is none). */
function readSecretsFileScript(path: string): string {
  return [
    `$path = ${psString(path)}`,
    '$entries = [ordered]@{}',
    'if (Test-Path -LiteralPath $path -PathType Leaf) {',
    '    foreach ($line in @([string](Get-Content -LiteralPath $path -Raw) -split "`r?`n")) {',
    "        if ($line -cmatch '^([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9+/]+={0,2})$') { $entries[$Matches[1]] = $Matches[2] }",
    '    }',
    '}',
    '[pscustomobject]$entries | ConvertTo-Json -Compress',
  ].join('\n');
}

export async function runOperation(request: OperationRequest): Promise<RunSummary> {
  const steps = operationSteps(request.planned, request.operation, request.noStart);
  return withOperationSession(request, request.operation === 'install', (session) =>
    runSteps(
      session,
      steps.map((step) => ({ id: step.id, script: psStepCall(step) })),
      { onRecord: request.onRecord, signal: request.signal },
    ),
  );
}

export interface SessionRequest extends SessionRunOptions {
  planned: Planned;
  profile?: string;
  /** leave a running service running when what it reads at start changed; record a pending restart */
  noRestart?: boolean;
}

/**
 * Stages the bundle, opens one elevated session that imports its module and runs
 * `work` in it. With `installs`, the secrets' blobs and a `user` account's password are
 * collected first (a missing value exits 2 before anything runs) and given to the session.
 */
export async function withOperationSession<T>(request: SessionRequest, installs: boolean, work: (session: PowerShellSession) => Promise<T>): Promise<T> {
  const { secrets } = request.planned.deployment;
  // Values first, before anything runs: a missing one exits 2 with nothing changed.
  const secretValues =
    installs && secrets.length > 0 ? await collectSecretValues(secrets, request.secretSource ?? { env: process.env, prompt: terminalPrompt() }) : undefined;
  const account = installs ? passwordAccount(request.planned) : undefined;
  const password =
    account === undefined ? undefined : await collectAccountPassword(account, request.passwordSource ?? { env: process.env, prompt: terminalPasswordPrompt() });
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
    // A new run: no restart reason yet (the steps record them, the start step acts on them).
    const prepare = [
      `$global:bundleRoot = ${psString(bundleDir)}`,
      `$global:common = @{ WhatIf = ${psBool(request.whatIf ?? false)} }`,
      // The service steps pass it on (-Adopt:$Adopt); install.ps1 and uninstall.ps1 take it as -Adopt.
      `$global:Adopt = ${psBool(request.adopt ?? false)}`,
      `Reset-SvcForgeRestartReason -Defer:${psBool(request.noRestart ?? false)}`,
    ];
    await session.invoke(prepare.join('\n'), { timeoutMs: 30_000, stepId: 'prepare' });
    const elevation = await session.invoke('Assert-SvcForgeAdministrator', { timeoutMs: 30_000, stepId: 'preflight' });
    if (elevation.error) {
      throw new SvcforgeError(elevation.error.message, 'NOT_ELEVATED', ExitCode.environment, [
        process.platform === 'win32'
          ? 'open PowerShell with "Run as administrator" and run the same svcforge command again'
          : 'run the same svcforge command again as root (sudo)',
      ]);
    }
    if (account !== undefined && password !== undefined) await giveSessionCredential(session, account, password);
    if (secretValues) {
      // Only blobs enter the session: the stored ones, read back, are kept where they still hold the value.
      const stored = await session.invoke(readSecretsFileScript(request.planned.deployment.paths.secretsFile), { timeoutMs: 30_000, stepId: 'secrets' });
      if (stored.error)
        throw new SvcforgeError(`cannot read ${request.planned.deployment.paths.secretsFile}: ${stored.error.message}`, 'SECRETS_READ_FAILED', ExitCode.failed);
      const entries = await secretEntries(hostExeSource, secretValues, (stored.records[0] ?? {}) as Record<string, string>);
      const table = Object.entries(entries)
        .map(([name, blob]) => `${psString(name)} = ${psString(blob)}`)
        .join('; ');
      await session.invoke(`$global:secretEntries = @{ ${table} }`, { timeoutMs: 30_000, stepId: 'secrets' });
    }
    return await work(session);
  } finally {
    await session?.close();
    await rm(staging, { recursive: true, force: true });
  }
}
