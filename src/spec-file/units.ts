/**
 * Strict parsers for the spec's scalar units. Each returns the parsed value or a
 * message that says what is accepted; none of them guesses.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const sizeUnits: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** `500ms`, `15s`, `1m`, `2h`, `1d` -> milliseconds. One number, one unit, nothing else. */
export function parseDuration(text: string): Parsed<number> {
  const match = /^(\d{1,12})(ms|s|m|h|d)$/.exec(text);
  if (!match) return { ok: false, message: `must be a duration like 500ms, 15s, 1m, 2h or 1d; got ${JSON.stringify(text)}` };
  return { ok: true, value: Number(match[1]) * durationUnits[match[2] as string]! };
}

/** `512MB`, `10KB`, `1GB`, `4096B` -> bytes (binary multiples: 1KB = 1024B). */
export function parseSize(text: string): Parsed<number> {
  const match = /^(\d{1,12})(B|KB|MB|GB)$/.exec(text);
  if (!match) return { ok: false, message: `must be a size like 10MB, 512KB, 1GB or 4096B; got ${JSON.stringify(text)}` };
  return { ok: true, value: Number(match[1]) * sizeUnits[match[2] as string]! };
}

export interface PortRange {
  low: number;
  high: number;
}

export function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** `8081-8090` (inclusive, low <= high) or a single port `8080`. */
export function parsePortRange(text: string): Parsed<PortRange> {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!match) return { ok: false, message: `must be a port range like 8081-8090; got ${JSON.stringify(text)}` };
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (!isPort(low) || !isPort(high)) return { ok: false, message: `ports must be within 1-65535; got ${text}` };
  if (low > high) return { ok: false, message: `range start must be <= end; got ${text}` };
  return { ok: true, value: { low, high } };
}

export function formatPortRange(range: PortRange): string {
  return range.low === range.high ? String(range.low) : `${range.low}-${range.high}`;
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.low <= b.high && b.low <= a.high;
}
