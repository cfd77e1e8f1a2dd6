/**
 * `svcforge status`: the SCM's view of each instance (Get-SvcForgeStatus) joined with
 * the supervisor's status file (supervisor/README.md, "Status file"). The file is read
 * as text and parsed here, so its timestamps stay the strings the supervisor wrote.
 */
import type { PowerShellSession } from '../exec/session.js';
import { psString } from '../quote/powershell.js';
import { query, withSession } from './session.js';
import { requestTarget, resolveTarget, type InstanceTarget, type Target } from './target.js';

export interface SupervisorStatus {
  /** starting, running, stopping, backoff, stopped, gave_up */
  state: string | null;
  pid: number | null;
  port: number | null;
  restarts: number | null;
  lastExitCode: number | null;
  startedAt: string | null;
  /** seconds since startedAt, while the program runs */
  uptimeSeconds: number | null;
  /** null, healthy, or `unhealthy: REASON` */
  health: string | null;
  nextStartInMs: number | null;
  memoryBytes: number | null;
  /** restarts by reason (crash, exit_code, health, memory, manual); null from a supervisor that does not count them */
  restartReasons: Record<string, number> | null;
  /** the release version the program runs (a service deployed with releases); null otherwise */
  release: string | null;
}

export interface InstanceStatus {
  name: string;
  exists: boolean;
  /** the SCM state: Running, Stopped, Start Pending ...; null when the service does not exist */
  state: string | null;
  startType: string | null;
  account: string | null;
  binaryPath: string | null;
  /** the service process (svcforge-host.exe) */
  processId: number | null;
  statusFile: string | null;
  supervisor: SupervisorStatus | null;
  /** why the status file could not be used, when it exists but is not valid */
  supervisorError: string | null;
  /** a restart deferred by `apply --no-restart`: what changed, and since when; null when none is pending */
  restartPending: { reasons: string[]; since: string | null } | null;
}

export interface StatusResult {
  name: string;
  source: Target['source'];
  checkedAt: string;
  instances: InstanceStatus[];
}

interface RawStatus {
  service: {
    name: string;
    exists: boolean;
    state: string | null;
    startType: string | null;
    account: string | null;
    binaryPath: string | null;
    processId: number | null;
    restartPending?: { reasons: string[] | string | null; since: string | null } | null;
  };
  statusText: string | null;
}

export async function readStatus(session: PowerShellSession, target: Target, now: () => Date = () => new Date()): Promise<StatusResult> {
  const instances: InstanceStatus[] = [];
  for (const instance of target.instances) instances.push(await readInstance(session, instance, now));
  return { name: target.name, source: target.source, checkedAt: now().toISOString(), instances };
}

async function readInstance(session: PowerShellSession, instance: InstanceTarget, now: () => Date): Promise<InstanceStatus> {
  const pending = instance.restartPendingFile ? ` -RestartPendingFile ${psString(instance.restartPendingFile)}` : '';
  const lines = [`$service = Get-SvcForgeStatus -Name ${psString(instance.name)}${pending}`, '$statusText = $null'];
  if (instance.statusFile) {
    lines.push(
      `$statusFile = ${psString(instance.statusFile)}`,
      'if (Test-Path -LiteralPath $statusFile -PathType Leaf) { $statusText = Get-Content -LiteralPath $statusFile -Raw -Encoding UTF8 }',
    );
  }
  lines.push('[pscustomobject]@{ service = $service; statusText = $statusText }');
  const raw = await query<RawStatus>(session, `status:${instance.name}`, lines.join('\n'));
  const parsed = parseStatusFile(raw.statusText, instance.statusFile, now());
  return {
    name: instance.name,
    exists: raw.service.exists,
    state: raw.service.state,
    startType: raw.service.startType,
    account: raw.service.account,
    binaryPath: raw.service.binaryPath,
    processId: raw.service.processId,
    statusFile: instance.statusFile ?? null,
    supervisor: parsed.supervisor,
    supervisorError: parsed.error,
    restartPending: restartPending(raw.service.restartPending),
  };
}

/** PowerShell gives a one-element array as a bare string: back to a list. */
function restartPending(value: RawStatus['service']['restartPending']): InstanceStatus['restartPending'] {
  if (!value) return null;
  const reasons = value.reasons === null ? [] : Array.isArray(value.reasons) ? value.reasons : [value.reasons];
  return { reasons, since: value.since || null };
}

export function parseStatusFile(text: string | null, file: string | undefined, now: Date): { supervisor: SupervisorStatus | null; error: string | null } {
  if (text === null || text.trim() === '') return { supervisor: null, error: null };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { supervisor: null, error: `${file ?? 'status file'} is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { supervisor: null, error: `${file ?? 'status file'} does not hold a JSON object` };
  const record = value as Record<string, unknown>;
  const number = (key: string): number | null => (typeof record[key] === 'number' ? (record[key] as number) : null);
  const string = (key: string): string | null => (typeof record[key] === 'string' ? (record[key] as string) : null);
  const state = string('state');
  const startedAt = string('started_at');
  const started = startedAt === null ? NaN : Date.parse(startedAt);
  const live = state === 'running' || state === 'starting' || state === 'stopping';
  return {
    supervisor: {
      state,
      pid: number('pid'),
      port: number('port'),
      restarts: number('restarts'),
      lastExitCode: number('last_exit_code'),
      startedAt,
      uptimeSeconds: live && Number.isFinite(started) ? Math.max(0, Math.floor((now.getTime() - started) / 1000)) : null,
      health: string('last_health'),
      nextStartInMs: number('next_start_in_ms'),
      memoryBytes: number('memory_bytes'),
      restartReasons: reasons(record.restart_reasons),
      release: string('release'),
    },
    error: null,
  };
}

export interface StatusRequest {
  given: string;
  profile?: string;
  shell?: string;
  /** refresh every intervalMs until the signal fires, calling onRefresh each time */
  watch?: { intervalMs: number; signal: AbortSignal; onRefresh: (result: StatusResult) => void };
}

/** Reads the status once, or (watch) again and again through the same session until the signal fires. */
export async function runStatus(request: StatusRequest): Promise<StatusResult> {
  const wanted = await requestTarget(request.given, request.profile);
  return withSession({ shell: request.shell }, async (session) => {
    const target = await resolveTarget(wanted, session);
    let result = await readStatus(session, target);
    const watch = request.watch;
    if (!watch) return result;
    watch.onRefresh(result);
    while (!watch.signal.aborted) {
      await sleep(watch.intervalMs, watch.signal);
      if (watch.signal.aborted) break;
      result = await readStatus(session, target);
      watch.onRefresh(result);
    }
    return result;
  });
}

/** Resolves after ms, or at once when the signal fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function reasons(value: unknown): Record<string, number> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const counts = Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  return Object.fromEntries(counts);
}
