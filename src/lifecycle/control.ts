/**
 * `svcforge start | stop | restart`: Start-SvcForgeService / Stop-SvcForgeService as
 * steps. With a spec, start runs the model's own start steps (the port check, then
 * the start) exactly as apply does; restart is, per instance, stop then start, so the
 * other instances keep serving while one restarts.
 */
import { ExitCode, SvcforgeError } from '../errors.js';
import type { StepRecord } from '../exec/record.js';
import { runSteps, type RunSummary, type Step } from '../exec/runner.js';
import { installPlan, startTimeoutSeconds, type Step as PlanStep } from '../model/steps.js';
import { psStepCall } from '../quote/powershell.js';
import { withSession } from './session.js';
import { requestTarget, resolveTarget, type Target } from './target.js';

export type ControlAction = 'start' | 'stop' | 'restart';

/** For a service named without its spec: as long as Start-SvcForgeService waits by default. */
const defaultTimeoutSeconds = 60;

export function controlSteps(target: Target, action: ControlAction): Step[] {
  const deployment = target.planned?.deployment;
  const seconds = deployment ? startTimeoutSeconds(deployment) : defaultTimeoutSeconds;
  const startPlan = deployment ? installPlan(deployment, []).start : undefined;
  if (deployment && action !== 'stop' && deployment.startupType === 'Disabled') {
    throw new SvcforgeError(`${deployment.name} has startup: disabled in ${target.given}, so it cannot be started`, 'SERVICE_DISABLED', ExitCode.invalid, [
      'set startup to auto, delayed or manual in the spec and run `svcforge apply`',
    ]);
  }
  const stop = (name: string): PlanStep => planStep(`stop:${name}`, 'Stop-SvcForgeService', name, seconds);
  // `start` of a running service changes nothing, even with a restart pending; a start
  // from stopped (also restart's) reads everything and clears the pending marker.
  const start = (name: string): PlanStep[] =>
    startPlan
      ? startPlan
          .filter((step) => step.id === `port:${name}` || step.id === `start:${name}`)
          .map((step) => ({ ...step, parameters: step.parameters.filter(([parameter]) => parameter !== 'RestartIfChanged') }))
      : [planStep(`start:${name}`, 'Start-SvcForgeService', name, seconds)];
  const steps: PlanStep[] = target.instances.flatMap((instance) => {
    if (action === 'stop') return [stop(instance.name)];
    if (action === 'start') return start(instance.name);
    return [stop(instance.name), ...start(instance.name)];
  });
  // the session waits a little longer than the step itself, so the step reports its own timeout
  return steps.map((step) => ({ id: step.id, script: psStepCall(step), timeoutMs: (seconds + 30) * 1000 }));
}

function planStep(id: string, command: string, name: string, seconds: number): PlanStep {
  return {
    id,
    command,
    parameters: [
      ['Name', name],
      ['TimeoutSeconds', seconds],
      ['Step', id],
    ],
    whatIf: true,
  };
}

export interface ControlRequest {
  given: string;
  profile?: string;
  shell?: string;
  action: ControlAction;
  signal?: AbortSignal;
  onRecord?: (record: StepRecord) => void;
}

export async function runControl(request: ControlRequest): Promise<{ name: string; summary: RunSummary }> {
  const wanted = await requestTarget(request.given, request.profile);
  return withSession({ shell: request.shell, elevated: true }, async (session) => {
    const target = await resolveTarget(wanted, session);
    const summary = await runSteps(session, controlSteps(target, request.action), { onRecord: request.onRecord, signal: request.signal });
    return { name: target.name, summary };
  });
}
