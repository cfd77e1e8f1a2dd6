/** `svcforge status` for people: one row per instance, then any status-file problem. */
import chalk from 'chalk';
import type { InstanceStatus, StatusResult } from '../lifecycle/status.js';

export function formatStatus(result: StatusResult): string {
  const header = ['SERVICE', 'SCM', 'PROGRAM', 'RELEASE', 'PID', 'UPTIME', 'RESTARTS', 'LAST EXIT', 'PORT', 'MEMORY', 'HEALTH', 'NEXT START'];
  const rows = result.instances.map(row);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const notes = result.instances.flatMap((instance) => {
    if (!instance.exists) return [`${instance.name}: not installed (run \`svcforge apply\`)`];
    const lines: string[] = [];
    if (instance.restartPending) lines.push(`${instance.name}: ${restartPendingNote(instance.restartPending)}`);
    if (instance.supervisorError) lines.push(`${instance.name}: ${instance.supervisorError}`);
    else if (instance.statusFile && !instance.supervisor) lines.push(`${instance.name}: no status file yet at ${instance.statusFile}`);
    return lines;
  });
  return [chalk.bold(line(header)), ...rows.map((cells, index) => paintRow(line(cells), result.instances[index]!)), ...notes].join('\n');
}

function row(instance: InstanceStatus): string[] {
  const s = instance.supervisor;
  const dash = '-';
  return [
    instance.name,
    instance.exists ? (instance.state ?? 'Unknown') : 'not installed',
    s?.state ?? dash,
    s?.release ?? dash,
    String(s?.pid ?? instance.processId ?? dash),
    s?.uptimeSeconds === null || s?.uptimeSeconds === undefined ? dash : duration(s.uptimeSeconds),
    s?.restarts === null || s?.restarts === undefined ? dash : restarts(s.restarts, s.restartReasons),
    s?.lastExitCode === null || s?.lastExitCode === undefined ? dash : String(s.lastExitCode),
    s?.port === null || s?.port === undefined ? dash : String(s.port),
    s?.memoryBytes === null || s?.memoryBytes === undefined ? dash : bytes(s.memoryBytes),
    s?.health ?? dash,
    s?.nextStartInMs === null || s?.nextStartInMs === undefined ? dash : `in ${duration(Math.ceil(s.nextStartInMs / 1000))}`,
  ];
}

/** "restart pending: host-conf, secrets (since 2025-01-01T10:00:00Z; run svcforge restart)" */
export function restartPendingNote(pending: NonNullable<InstanceStatus['restartPending']>): string {
  const since = pending.since ? `since ${pending.since}; ` : '';
  return `restart pending: ${pending.reasons.join(', ') || 'unknown reason'} (${since}run \`svcforge restart\`)`;
}

/** "5 (crash 3, health 2)": the count, then the reasons that occurred. */
export function restarts(total: number, reasons: Record<string, number> | null): string {
  const seen = Object.entries(reasons ?? {}).filter(([, count]) => count > 0);
  return seen.length === 0 ? String(total) : `${total} (${seen.map(([reason, count]) => `${reason} ${count}`).join(', ')})`;
}

function paintRow(text: string, instance: InstanceStatus): string {
  if (!instance.exists) return chalk.gray(text);
  if (instance.state === 'Running' && (instance.supervisor?.health ?? 'healthy') === 'healthy') return chalk.green(text);
  if (instance.state === 'Running') return chalk.yellow(text);
  return chalk.red(text);
}

export function duration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d) return `${d}d${h}h`;
  if (h) return `${h}h${m}m`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

function bytes(value: number): string {
  if (value >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(1)} GiB`;
  if (value >= 1024 ** 2) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value} B`;
}
