/** `svcforge releases` for people: one row per release, newest first. */
import type { ReleaseState } from '../exec/deploy.js';

export function formatReleases(state: ReleaseState): string {
  if (state.releases.length === 0) return 'no releases deployed yet: svcforge build, then svcforge deploy <zip>';
  const rows = state.releases.map((entry) => [
    entry.version,
    entry.deployedAt ?? '-',
    [entry.current ? 'current' : '', entry.version === state.lastGood ? 'last good' : '', entry.onDisk ? '' : 'pruned'].filter(Boolean).join(', ') || '-',
    entry.gate + (entry.gate === 'failed' && entry.reason ? `: ${entry.reason.split('\n')[0]}` : ''),
  ]);
  const header = ['VERSION', 'DEPLOYED', 'STATE', 'GATE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
