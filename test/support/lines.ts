/**
 * Line-by-line comparison of what a numbered-lines child wrote with what ended up in a
 * set of (rotated) log files: lost, duplicated, reordered and split lines are counted,
 * not guessed. Used by the supervisor tests and by bench/supervisor.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LineCheck {
  files: string[];
  lines: number;
  expected: number;
  lost: number;
  duplicated: number;
  /** lines whose number is lower than a number already seen (and not a duplicate) */
  reordered: number;
  /** lines that are not a whole line of the child's (torn, merged or foreign) */
  malformed: number;
  firstProblem?: string;
}

/** Natural order: digit runs compare as numbers ("x-2" before "x-10"). */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Sort key of a rotated file name: its timestamp and collision counter, when it has them. */
function rotatedKey(name: string): [string, number] | undefined {
  const m = /(\d{8}T\d{6}\.\d{3})(?:_(\d+))?/.exec(name);
  return m ? [m[1]!, Number(m[2] ?? 0)] : undefined;
}

/**
 * The files of one log in the order they were written: rotated files (the base's stem
 * followed by a timestamp) in timestamp order, then by
 * collision counter (svcforge: `NAME.out.20261125T142400.123.log`, then
 * `NAME.out.20261125T142400.123_0001.log`; NSSM: `NAME.out-20261125T142400.123.log`),
 * then the live file `base`.
 */
export function logFiles(dir: string, base: string): string[] {
  const stem = base.replace(/\.log$/i, '');
  const names = readdirSync(dir).filter((n) => n !== base && n.startsWith(stem) && rotatedKey(n.slice(stem.length)) !== undefined);
  names.sort((a, b) => {
    const ka = rotatedKey(a);
    const kb = rotatedKey(b);
    if (ka && kb) return ka[0] < kb[0] ? -1 : ka[0] > kb[0] ? 1 : ka[1] - kb[1];
    return naturalCompare(a, b);
  });
  const all = names.map((n) => path.join(dir, n));
  try {
    if (statSync(path.join(dir, base)).isFile()) all.push(path.join(dir, base));
  } catch {
    // no live file (e.g. rotated away at the very end)
  }
  return all;
}

/**
 * The shape of every line of a numbered-lines child, from one whole line of it: the
 * first run of digits becomes the captured number, the rest must match exactly. So a
 * torn piece ("line 00012") or two lines run together never pass as a line.
 */
export function lineShape(sample: string): RegExp {
  const m = /\d+/.exec(sample);
  if (!m) throw new Error(`sample line has no number: ${JSON.stringify(sample)}`);
  const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(sample.slice(0, m.index))}(\\d+)${esc(sample.slice(m.index + m[0].length))}$`);
}

/** The first line of the first non-empty file, without CR and without `strip`'s prefix. */
export function firstLine(files: readonly string[], strip?: RegExp): string | undefined {
  for (const f of files) {
    const text = readFileSync(f, 'latin1');
    if (!text) continue;
    let line = text.split('\n', 1)[0]!.replace(/\r$/, '');
    if (strip) line = line.replace(strip, '');
    return line;
  }
  return undefined;
}

/**
 * Checks that `files`, concatenated, hold exactly the lines numbered first..first+N-1
 * of a child whose every line has the same shape as `sample` with its number replaced
 * (by default the shape of the first line, see lineShape). `strip` removes a prefix the
 * supervisor added (timestamps) before the comparison.
 */
export function checkNumberedLines(files: readonly string[], expected: number, opts: { lineRe?: RegExp; first?: number; strip?: RegExp } = {}): LineCheck {
  const first = opts.first ?? 1;
  const sample = firstLine(files, opts.strip);
  const lineRe = opts.lineRe ?? (sample === undefined ? /^$/ : lineShape(sample));
  const seen = new Uint8Array(expected);
  const result: LineCheck = { files: [...files], lines: 0, expected, lost: 0, duplicated: 0, reordered: 0, malformed: 0 };
  let last = first - 1;
  const note = (msg: string): void => {
    result.firstProblem ??= msg;
  };
  for (const file of files) {
    const text = readFileSync(file, 'latin1');
    if (text.length > 0 && !text.endsWith('\n')) note(`${path.basename(file)} does not end at a line boundary`);
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      result.lines++;
      if (opts.strip) {
        const m = opts.strip.exec(line);
        if (!m || m.index !== 0) {
          result.malformed++;
          note(`${path.basename(file)}:${i + 1}: missing prefix: ${JSON.stringify(line.slice(0, 80))}`);
          continue;
        }
        line = line.slice(m[0].length);
      }
      const m = lineRe.exec(line);
      if (!m || m[1] === undefined) {
        result.malformed++;
        note(`${path.basename(file)}:${i + 1}: not a whole line: ${JSON.stringify(line.slice(0, 80))}`);
        continue;
      }
      const n = Number(m[1]);
      const idx = n - first;
      if (idx < 0 || idx >= expected) {
        result.malformed++;
        note(`${path.basename(file)}:${i + 1}: number ${n} out of range`);
        continue;
      }
      if (seen[idx]) {
        result.duplicated++;
        note(`${path.basename(file)}:${i + 1}: line ${n} seen before`);
        continue;
      }
      seen[idx] = 1;
      if (n < last) {
        result.reordered++;
        note(`${path.basename(file)}:${i + 1}: line ${n} after line ${last}`);
      }
      last = n;
    }
  }
  for (let i = 0; i < expected; i++) if (!seen[i]) result.lost++;
  if (result.lost > 0) {
    const missing = seen.indexOf(0);
    note(`line ${missing + first} never written (${result.lost} lost in all)`);
  }
  return result;
}

/** A one-line summary for assertion messages and bench output. */
export function describeCheck(c: LineCheck): string {
  return (
    `${c.lines}/${c.expected} lines in ${c.files.length} files: lost ${c.lost}, duplicated ${c.duplicated}, ` +
    `reordered ${c.reordered}, malformed ${c.malformed}` +
    (c.firstProblem ? `; first problem: ${c.firstProblem}` : '')
  );
}
