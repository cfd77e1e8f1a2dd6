/**
 * Spec -> the NSSM 2.24 parameters of one service (host: nssm), in the order the
 * install steps set them. What svcforge-host.conf is for host svcforge, this is for
 * NSSM: every parameter svcforge manages is always listed, at NSSM's default when the
 * spec does not ask for more, so removing a field from the spec resets it.
 */
import type { Spec } from '../spec-file/schema.js';
import { parseDuration, parseSize } from '../spec-file/units.js';
import { quoteArgument } from '../quote/command-line.js';
import { winDirname, winJoin } from './windows-path.js';

export type NssmParameterName =
  | 'Application'
  | 'AppParameters'
  | 'AppDirectory'
  | 'AppEnvironmentExtra'
  | 'AppStdout'
  | 'AppStderr'
  | 'AppRotateFiles'
  | 'AppRotateOnline'
  | 'AppRotateBytes'
  | 'AppRotateSeconds'
  | 'AppStopMethodSkip'
  | 'AppStopMethodConsole'
  | 'AppExit'
  | 'AppRestartDelay'
  | 'AppThrottle'
  | 'AppPriority'
  | 'AppAffinity';

/** One string, or a list (AppEnvironmentExtra: NAME=VALUE; AppExit: <code>=<action>). */
export type NssmParameter = [NssmParameterName, string | string[]];

const priorities: Record<Spec['limits']['priority'], string> = {
  idle: 'IDLE_PRIORITY_CLASS',
  belowNormal: 'BELOW_NORMAL_PRIORITY_CLASS',
  normal: 'NORMAL_PRIORITY_CLASS',
  aboveNormal: 'ABOVE_NORMAL_PRIORITY_CLASS',
  high: 'HIGH_PRIORITY_CLASS',
};

/** NSSM's AppStopMethodSkip bits: 2 = WM_CLOSE to windows, 4 = WM_QUIT to threads. */
const skipWindowAndThreadMethods = 2 | 4;

const msText = (duration: string): string => String((parseDuration(duration) as { value: number }).value);

export function nssmParameters(spec: Spec, facts: { name: string; logDir: string }): NssmParameter[] {
  const { recovery, logs } = spec;
  const stdout = winJoin(facts.logDir, `${facts.name}.out.log`);
  return [
    ['Application', spec.program],
    ['AppParameters', spec.arguments.map(quoteArgument).join(' ')],
    ['AppDirectory', spec.workingDirectory ?? winDirname(spec.program)],
    ['AppEnvironmentExtra', Object.entries(spec.environment).map(([name, value]) => `${name}=${value}`)],
    ['AppStdout', stdout],
    ['AppStderr', logs.combined ? stdout : winJoin(facts.logDir, `${facts.name}.err.log`)],
    ['AppRotateFiles', '1'],
    ['AppRotateOnline', '1'],
    ['AppRotateBytes', String((parseSize(logs.rotate.maxSize) as { value: number }).value)],
    ['AppRotateSeconds', logs.rotate.daily ? '86400' : '0'],
    // Ctrl+C, wait stop.timeout, then end the process tree: skip the window and thread
    // methods, which would add their own waits.
    ['AppStopMethodSkip', String(skipWindowAndThreadMethods)],
    ['AppStopMethodConsole', msText(spec.stop.timeout)],
    ['AppExit', exitActions(recovery)],
    ['AppRestartDelay', msText(recovery.backoff.initial)],
    ['AppThrottle', msText(recovery.backoff.resetAfter)],
    ['AppPriority', priorities[spec.limits.priority]],
    ['AppAffinity', spec.limits.affinity ? affinityList(spec.limits.affinity) : 'All'],
  ];
}

/** recovery.restart and exitCodes as NSSM's AppExit: Default plus one entry per code. */
function exitActions(recovery: Spec['recovery']): string[] {
  const actions = new Map<string, string>([['Default', recovery.restart === 'never' ? 'Exit' : 'Restart']]);
  if (recovery.restart === 'on-failure') actions.set('0', 'Exit');
  for (const [code, action] of Object.entries(recovery.exitCodes)) actions.set(String(Number(code)), action === 'stop' ? 'Exit' : 'Restart');
  const codes = [...actions.keys()].filter((code) => code !== 'Default').sort((a, b) => Number(a) - Number(b));
  return ['Default', ...codes].map((code) => `${code}=${actions.get(code)!}`);
}

/**
 * Processor numbers in NSSM's canonical form, the text `nssm set ... AppAffinity` stores
 * (affinity_mask_to_string in NSSM 2.24's service.cpp): sorted, a run of three or more as
 * first-last, a run of two as two numbers (0,1,3 and 0-2,5; never 0-1).
 */
export function affinityList(processors: readonly number[]): string {
  const sorted = [...new Set(processors)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let index = 0; index < sorted.length;) {
    let end = index;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    const separator = end === index + 1 ? ',' : '-';
    runs.push(end === index ? String(sorted[index]) : `${sorted[index]}${separator}${sorted[end]}`);
    index = end + 1;
  }
  return runs.join(',');
}
