/**
 * The PowerShell session the lifecycle commands (status, start, stop, logs, firewall,
 * doctor) run in: the SvcForge module from this package (no bundle is staged: these
 * commands read or change a service that exists, they install nothing), test modules
 * from SVCFORGE_SESSION_PRELOAD first, and `$common` as apply sets it.
 */
import { join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import { preloadFromEnvironment } from '../exec/apply.js';
import { PowerShellSession, type InvokeResult } from '../exec/session.js';
import { packageRoot } from '../package-info.js';
import type { StepRecord } from '../exec/record.js';

export const moduleManifest = join(packageRoot, 'ps-scripts', 'SvcForge', 'SvcForge.psd1');

export interface LifecycleSessionOptions {
  shell?: string;
  /** the command changes the system: fail early (exit 3) unless elevated, as apply does */
  elevated?: boolean;
}

export async function withSession<T>(options: LifecycleSessionOptions, work: (session: PowerShellSession) => Promise<T>): Promise<T> {
  const session = await PowerShellSession.open({ shell: options.shell, modulePath: moduleManifest, preloadModules: preloadFromEnvironment() });
  try {
    await session.invoke('$global:common = @{ WhatIf = $false }', { timeoutMs: 30_000, stepId: 'prepare' });
    if (options.elevated) await assertElevated(session);
    return await work(session);
  } finally {
    await session.close();
  }
}

export async function assertElevated(session: PowerShellSession): Promise<void> {
  const elevation = await session.invoke('Assert-SvcForgeAdministrator', { timeoutMs: 30_000, stepId: 'preflight' });
  if (elevation.error) {
    throw new SvcforgeError(elevation.error.message, 'NOT_ELEVATED', ExitCode.environment, [
      process.platform === 'win32'
        ? 'open PowerShell with "Run as administrator" and run the same svcforge command again'
        : 'run the same svcforge command again as root (sudo)',
    ]);
  }
}

/**
 * Runs a read-only script and returns the one object it output. A throw or a missing
 * object is an error naming the step, so callers never guess from empty output.
 */
export async function query<T>(session: PowerShellSession, stepId: string, script: string, timeoutMs = 60_000): Promise<T> {
  const result: InvokeResult = await session.invoke(script, { timeoutMs, stepId });
  if (result.error) {
    throw new SvcforgeError(`${stepId}: ${result.error.message}`, 'QUERY_FAILED', ExitCode.failed, [
      'run `svcforge doctor` to check the PowerShell installation and this machine',
    ]);
  }
  const record = result.records.find((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  if (record === undefined) {
    throw new SvcforgeError(
      `${stepId}: PowerShell returned no result${result.text.length ? ` (it wrote: ${result.text.join(' ').slice(0, 300)})` : ''}`,
      'QUERY_FAILED',
      ExitCode.failed,
    );
  }
  return record as T;
}

/** The elevation check as a doctor record instead of an error. */
export async function assertElevatedRecord(session: PowerShellSession): Promise<StepRecord> {
  const elevation = await session.invoke('Assert-SvcForgeAdministrator', { timeoutMs: 30_000, stepId: 'elevation' });
  if (elevation.error)
    return {
      step: 'elevation',
      status: 'failed',
      detail: `${elevation.error.message} (needed by apply, start, stop, restart, firewall open/close, uninstall)`,
      changes: [],
    };
  return { step: 'elevation', status: 'unchanged', detail: 'running elevated', changes: [] };
}
