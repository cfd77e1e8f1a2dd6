/**
 * `svcforge deploy`, `rollback` and `releases` through one session: the step lists of
 * src/model/release-steps.ts (the ones deploy.ps1 renders), with the zip and the version
 * given to the session as $releaseZip / $releaseVersion. When activation fails, the same
 * activation runs again for the last release that passed its gate.
 */
import { resolve } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import { deployPlan, invalidInputErrorIds, rollbackPlan } from '../model/release-steps.js';
import type { Step as PlanStep } from '../model/steps.js';
import { invalid, readReleaseManifest, releaseSpecMismatch } from '../release/read-manifest.js';
import { psStepCall, psString } from '../quote/powershell.js';
import { keptFileNames } from '../render/view.js';
import { withOperationSession, type SessionRequest } from './apply.js';
import { runSteps, type RunSummary } from './runner.js';
import type { PowerShellSession } from './session.js';

export interface ReleaseEntry {
  version: string;
  deployedAt: string | null;
  gate: 'pending' | 'passed' | 'failed';
  gateAt: string | null;
  reason: string | null;
  onDisk: boolean;
  current: boolean;
}

export interface ReleaseState {
  current: string | null;
  lastGood: string | null;
  releases: ReleaseEntry[];
}

export interface DeployRequest extends SessionRequest {
  zip: string;
  signal?: AbortSignal;
}

export interface DeployRun {
  name: string;
  version: string;
  summary: RunSummary;
  /** set when activation failed and the last good release was activated again */
  rollback?: { version: string; summary: RunSummary };
}

const toRunnable = (steps: readonly PlanStep[]) => steps.map((step) => ({ id: step.id, script: psStepCall(step) }));

export async function runDeploy(request: DeployRequest): Promise<DeployRun> {
  const { deployment } = request.planned;
  if (!deployment.release) throw noReleaseSection(request.planned.file);
  const zip = resolve(request.zip);
  const manifest = await readReleaseManifest(zip);
  const mismatch = releaseSpecMismatch(manifest, deployment);
  if (mismatch) throw invalid(zip, mismatch);
  const plan = deployPlan(deployment, keptFileNames(deployment));
  return withOperationSession(request, true, async (session) => {
    await setReleaseVersion(session, manifest.version, zip);
    const hooks = { onRecord: request.onRecord, signal: request.signal };
    const main = await runSteps(session, toRunnable([...plan.prepare, ...plan.activate]), hooks);
    const activationFailed = main.failed !== undefined && !main.sessionError && plan.activate.some((step) => step.id === main.failed!.step);
    if (!activationFailed) {
      const finish = main.failed || main.interrupted || main.sessionError ? undefined : await runSteps(session, toRunnable(plan.finish), hooks);
      return { name: deployment.name, version: manifest.version, summary: finish ? joined(main, finish) : main };
    }
    const state = await readReleaseState(session, deployment.release!.stateFile, deployment.release!.releasesDir);
    const lastGood = state.lastGood;
    if (!lastGood || lastGood === manifest.version) return { name: deployment.name, version: manifest.version, summary: main };
    await setReleaseVersion(session, lastGood);
    const rollback = await runSteps(session, toRunnable(plan.rollback), { onRecord: request.onRecord });
    return { name: deployment.name, version: manifest.version, summary: main, rollback: { version: lastGood, summary: rollback } };
  });
}

export interface RollbackRequest extends SessionRequest {
  /** the version to go back to; default: the newest release before the current one that passed its gate */
  to?: string;
  signal?: AbortSignal;
}

export async function runRollback(request: RollbackRequest): Promise<{ name: string; from: string | null; version: string; summary: RunSummary }> {
  const { deployment } = request.planned;
  if (!deployment.release) throw noReleaseSection(request.planned.file);
  const release = deployment.release;
  return withOperationSession(request, false, async (session) => {
    const state = await readReleaseState(session, release.stateFile, release.releasesDir);
    const target = rollbackTarget(state, request.to);
    await setReleaseVersion(session, target);
    const summary = await runSteps(session, toRunnable(rollbackPlan(deployment)), { onRecord: request.onRecord, signal: request.signal });
    return { name: deployment.name, from: state.current, version: target, summary };
  });
}

export async function readReleases(request: SessionRequest): Promise<ReleaseState> {
  const { deployment } = request.planned;
  if (!deployment.release) throw noReleaseSection(request.planned.file);
  const release = deployment.release;
  return withOperationSession(request, false, (session) => readReleaseState(session, release.stateFile, release.releasesDir));
}

/** Which release `rollback` activates: --to, else the newest other release that passed its gate and is still on disk. */
export function rollbackTarget(state: ReleaseState, to: string | undefined): string {
  const known = state.releases.map((entry) => entry.version);
  if (to !== undefined) {
    const entry = state.releases.find((candidate) => candidate.version === to);
    if (!entry || !entry.onDisk) {
      throw new SvcforgeError(`release ${to} is not on this host`, 'RELEASE_NOT_FOUND', ExitCode.invalid, [
        known.length ? `releases here: ${known.join(', ')} (svcforge releases)` : 'no release was deployed yet: run svcforge deploy first',
      ]);
    }
    return to;
  }
  const candidate = state.releases.find((entry) => entry.version !== state.current && entry.gate === 'passed' && entry.onDisk);
  if (!candidate) {
    throw new SvcforgeError('no earlier release passed its gate, so there is nothing to roll back to', 'NO_ROLLBACK_TARGET', ExitCode.invalid, [
      known.length ? `pick one with --to (releases here: ${known.join(', ')})` : 'no release was deployed yet: run svcforge deploy first',
    ]);
  }
  return candidate.version;
}

/** A failed step whose error says the input was wrong and nothing changed. */
export function failedOnInput(summary: RunSummary): boolean {
  const id = summary.failed?.errorId ?? '';
  return invalidInputErrorIds.some((prefix) => id === prefix || id.startsWith(`${prefix},`));
}

async function setReleaseVersion(session: PowerShellSession, version: string, zip?: string): Promise<void> {
  const script = [`$global:releaseVersion = ${psString(version)}`, ...(zip ? [`$global:releaseZip = ${psString(zip)}`] : [])].join('\n');
  const result = await session.invoke(script, { timeoutMs: 30_000, stepId: 'prepare' });
  if (result.error) throw new SvcforgeError(`cannot prepare the session: ${result.error.message}`, 'SESSION_PREPARE_FAILED', ExitCode.failed);
}

async function readReleaseState(session: PowerShellSession, stateFile: string, releasesDir: string): Promise<ReleaseState> {
  const result = await session.invoke(
    `Get-SvcForgeReleaseState -StatePath ${psString(stateFile)} -ReleasesDir ${psString(releasesDir)} | ConvertTo-Json -Depth 5 -Compress`,
    { timeoutMs: 60_000, stepId: 'releases' },
  );
  if (result.error) throw new SvcforgeError(`cannot read ${stateFile}: ${result.error.message}`, 'RELEASE_STATE_UNREADABLE', ExitCode.failed);
  const state = result.records[0] as Partial<ReleaseState> | undefined;
  return {
    current: state?.current ?? null,
    lastGood: state?.lastGood ?? null,
    // ConvertTo-Json on 5.1 gives one object, not an array, for a single release
    releases: state?.releases === undefined || state.releases === null ? [] : ([] as ReleaseEntry[]).concat(state.releases),
  };
}

function joined(first: RunSummary, second: RunSummary): RunSummary {
  return {
    records: [...first.records, ...second.records],
    interrupted: second.interrupted,
    notRun: second.notRun,
    ...(second.failed ? { failed: second.failed } : {}),
    ...(second.sessionError ? { sessionError: second.sessionError } : {}),
  };
}

function noReleaseSection(specFile: string): SvcforgeError {
  return new SvcforgeError(`${specFile} has no release: section, so it has no releases to deploy`, 'NO_RELEASE_SECTION', ExitCode.invalid, [
    'add `release: { assets: [] }` and make `program` a path inside the release (e.g. app.exe), then svcforge build',
  ]);
}
