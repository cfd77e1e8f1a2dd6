/** Spec -> the ordered lines of svcforge-host.conf (format: supervisor/FORMAT.md). */
import type { Spec } from '../spec-file/schema.js';
import { parseDuration, parseSize } from '../spec-file/units.js';
import { winDirname } from './windows-path.js';

const priorities: Record<Spec['limits']['priority'], string> = {
  idle: 'idle',
  belowNormal: 'below_normal',
  normal: 'normal',
  aboveNormal: 'above_normal',
  high: 'high',
};

const msText = (duration: string): string => String((parseDuration(duration) as { value: number }).value);
const bytesText = (size: string): string => String((parseSize(size) as { value: number }).value);

export interface InstanceFacts {
  name: string;
  logDir: string;
  statusFile: string;
  secretsFile: string;
  portRange?: string;
  /** <installDir>\releases: one folder per release (used only with spec.release). */
  releasesDir: string;
  /** <dataDir>\release.conf: names the current release (used only with spec.release). */
  releasePointer: string;
  /** <installDir>\shared, exported as SVCFORGE_SHARED (used only with spec.release) */
  sharedDir: string;
  /** 0-based instance number: metrics files and ports are per instance */
  index: number;
  instanceCount: number;
}

export function hostConf(spec: Spec, facts: InstanceFacts): [string, string][] {
  const lines: [string, string][] = [
    ['version', '1'],
    ['name', facts.name],
    ...programLines(spec, facts),
    ...Object.entries(spec.environment).map(([name, value]): [string, string] => ['env', `${name}=${value}`]),
    ...(spec.release ? [['env', `SVCFORGE_SHARED=${facts.sharedDir}`] as [string, string]] : []),
    ...spec.secrets.map((name): [string, string] => ['secret', name]),
  ];
  if (spec.secrets.length > 0) lines.push(['secrets_file', facts.secretsFile]);
  const { recovery, logs } = spec;
  lines.push(
    ['restart', recovery.restart],
    ['backoff_initial_ms', msText(recovery.backoff.initial)],
    ['backoff_max_ms', msText(recovery.backoff.max)],
    ['backoff_reset_ms', msText(recovery.backoff.resetAfter)],
    ...Object.entries(recovery.exitCodes).map(([code, action]): [string, string] => ['exit_code', `${Number(code)}:${action}`]),
    ['give_up_failures', String(recovery.giveUpAfter.failures)],
    ['give_up_window_ms', msText(recovery.giveUpAfter.within)],
    ['stop_timeout_ms', msText(spec.stop.timeout)],
    ['log_dir', facts.logDir],
    ['log_stdout', `${facts.name}.out.log`],
    ['log_stderr', logs.combined ? `${facts.name}.out.log` : `${facts.name}.err.log`],
    ['log_timestamps', String(logs.timestamps)],
    ['log_event_log', String(logs.eventLog)],
    ['rotate_max_bytes', bytesText(logs.rotate.maxSize)],
    ['rotate_daily', String(logs.rotate.daily)],
    ['rotate_keep', String(logs.rotate.keep)],
  );
  const { health, limits, hooks } = spec;
  if (health) {
    if (health.http) lines.push(['health_http', health.http]);
    if (health.tcp) lines.push(['health_tcp', health.tcp]);
    lines.push(
      ['health_interval_ms', msText(health.interval)],
      ['health_timeout_ms', msText(health.timeout)],
      ['health_failures', String(health.failures)],
      ['health_start_period_ms', msText(health.startPeriod)],
    );
  }
  if (limits.memory) lines.push(['limit_memory_bytes', bytesText(limits.memory)]);
  if (limits.cpuPercent) lines.push(['limit_cpu_percent', String(limits.cpuPercent)]);
  lines.push(['priority', priorities[limits.priority]]);
  if (limits.affinity) lines.push(['affinity', affinityMask(limits.affinity)]);
  if (hooks.preStart) lines.push(['pre_start', hooks.preStart.command], ['pre_start_timeout_ms', msText(hooks.preStart.timeout)]);
  if (hooks.postStop) lines.push(['post_stop', hooks.postStop.command], ['post_stop_timeout_ms', msText(hooks.postStop.timeout)]);
  if (spec.port !== undefined) lines.push(['port', String(spec.port)]);
  if (facts.portRange !== undefined) lines.push(['port_range', facts.portRange], ['port_env', spec.instances.portEnv]);
  lines.push(['status_file', facts.statusFile]);
  lines.push(...metricsLines(spec, facts));
  return lines;
}

/** With release:, program is inside the release the pointer names; the supervisor defaults workdir to that release. */
function programLines(spec: Spec, facts: InstanceFacts): [string, string][] {
  const args = spec.arguments.map((argument): [string, string] => ['arg', argument]);
  if (!spec.release) return [['program', spec.program], ...args, ['workdir', spec.workingDirectory ?? winDirname(spec.program)]];
  const workdir: [string, string][] = spec.workingDirectory === undefined ? [] : [['workdir', spec.workingDirectory]];
  return [['release_root', facts.releasesDir], ['release_pointer', facts.releasePointer], ['program', spec.program], ...args, ...workdir];
}

function metricsLines({ metrics }: Spec, { index, instanceCount }: InstanceFacts): [string, string][] {
  if (!metrics) return [];
  const lines: [string, string][] = [];
  if (metrics.textfile !== undefined) {
    const textfile = instanceCount === 1 ? metrics.textfile : metrics.textfile.replace(/(\.prom)$/i, `-${index + 1}$1`);
    lines.push(['metrics_textfile', textfile]);
  }
  if (metrics.listen !== undefined) {
    const [address, port] = typeof metrics.listen === 'number' ? ['127.0.0.1', metrics.listen] : splitListen(metrics.listen);
    lines.push(['metrics_listen', `${address}:${port + index}`]);
  }
  return lines;
}

function splitListen(listen: string): [string, number] {
  const colon = listen.lastIndexOf(':');
  return [listen.slice(0, colon), Number(listen.slice(colon + 1))];
}

function affinityMask(processors: number[]): string {
  const mask = processors.reduce((bits, processor) => bits | (1n << BigInt(processor)), 0n);
  return `0x${mask.toString(16)}`;
}
