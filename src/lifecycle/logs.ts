/**
 * `svcforge logs`: the program's stdout (or stderr) log, read through the session so it
 * works wherever the session runs. Files are read as bytes from an offset (base64 in
 * the reply, so no encoding or JSON-looking line is mangled on the way), which gives an
 * exact tail and an exact follow: each poll reads from where the last one ended, and a
 * file that got shorter, or whose first bytes changed, was rotated, so reading starts again at 0.
 */
import { StringDecoder } from 'node:string_decoder';
import { ExitCode, SvcforgeError, usageError } from '../errors.js';
import type { PowerShellSession } from '../exec/session.js';
import { psInt, psString } from '../quote/powershell.js';
import { parseDuration } from '../spec-file/units.js';
import { query, withSession } from './session.js';
import { requestTarget, resolveTarget, type InstanceTarget, type Target } from './target.js';

export interface LogsFilter {
  /** keep lines stamped at most this many ms ago (needs logs.timestamps) */
  sinceMs?: number;
  grep?: RegExp;
  /** the last N lines (after the other filters) */
  lines: number;
}

export interface LogsResult {
  /** the service the log belongs to */
  name: string;
  stream: 'stdout' | 'stderr';
  file: string;
  lines: string[];
}

export interface LogsRequest {
  given: string;
  profile?: string;
  shell?: string;
  stderr: boolean;
  since?: string;
  grep?: string;
  lines: number;
  /** print the selected lines, then new ones every pollMs until the signal fires */
  follow?: { pollMs: number; signal: AbortSignal; onLines: (lines: string[]) => void; onNote: (note: string) => void };
}

/** Checks --since and --grep before anything runs: a bad value is a usage error (exit 2) that names it. */
export function parseFilter(request: Pick<LogsRequest, 'since' | 'grep' | 'lines'>): LogsFilter {
  const filter: LogsFilter = { lines: request.lines };
  if (request.since !== undefined) {
    const since = parseDuration(request.since);
    if (!since.ok) throw usageError(`--since ${request.since}: ${since.message}`, 'e.g. --since 10m, --since 2h, --since 1d');
    filter.sinceMs = since.value;
  }
  if (request.grep !== undefined) {
    try {
      filter.grep = new RegExp(request.grep);
    } catch (error) {
      throw usageError(
        `--grep ${request.grep}: not a valid regular expression: ${(error as Error).message}`,
        'it is a JavaScript RegExp: escape ( [ { . * + ? with a backslash to match them literally',
      );
    }
  }
  return filter;
}

export async function runLogs(request: LogsRequest): Promise<LogsResult> {
  const filter = parseFilter(request);
  const wanted = await requestTarget(request.given, request.profile);
  return withSession({ shell: request.shell }, async (session) => {
    const target = await resolveTarget(wanted, session);
    const instance = pickInstance(target);
    const stream = request.stderr ? 'stderr' : 'stdout';
    const file = stream === 'stderr' ? instance.stderrLog : instance.stdoutLog;
    if (!file) {
      throw new SvcforgeError(`${instance.name} is not run by svcforge-host.exe, so its log files are not known`, 'LOGS_UNKNOWN', ExitCode.invalid, [
        "with host: native or nssm, read the program's own log files",
      ]);
    }
    if (filter.sinceMs !== undefined && !instance.timestamps) {
      throw usageError(
        `--since needs timestamped lines, but logs.timestamps is off for ${instance.name}: its log lines carry no time`,
        'set logs.timestamps: true in the spec and run `svcforge apply` (lines written from then on are stamped), or use --lines N',
      );
    }
    const reader = new LogReader(session, file);
    const initial = await reader.initial(filter, request.follow !== undefined);
    const result: LogsResult = { name: instance.name, stream, file, lines: initial };
    if (!reader.exists && !request.follow) {
      throw new SvcforgeError(`${instance.name} has no ${stream} log yet: ${file} does not exist`, 'LOG_MISSING', ExitCode.failed, [
        'the supervisor creates it when the program first starts: check `svcforge status`, or wait with `svcforge logs -f`',
      ]);
    }
    const follow = request.follow;
    if (!follow) return result;
    if (!reader.exists) follow.onNote(`waiting for ${file} to appear (Ctrl+C to stop)`);
    follow.onLines(initial);
    while (!follow.signal.aborted) {
      await sleep(follow.pollMs, follow.signal);
      if (follow.signal.aborted) break;
      const fresh = await reader.poll(follow.onNote);
      const kept = filter.grep ? fresh.filter((line) => filter.grep!.test(line)) : fresh;
      if (kept.length) follow.onLines(kept);
    }
    const rest = reader.flush();
    const kept = filter.grep ? rest.filter((line) => filter.grep!.test(line)) : rest;
    if (kept.length) follow.onLines(kept);
    return result;
  });
}

function pickInstance(target: Target): InstanceTarget {
  if (target.instances.length === 1) return target.instances[0]!;
  throw usageError(
    `${target.given} has ${target.instances.length} instances (${target.instances.map((instance) => instance.name).join(', ')}); logs shows one`,
    `name the instance: svcforge logs ${target.instances[0]!.name}`,
  );
}

interface Chunk {
  exists: boolean;
  /** base64 of the file's first headBytes bytes (fewer while it is shorter) */
  head: string;
  length: number;
  start: number;
  data: string;
}

/** Largest piece read in one call; bigger reads take several. */
const chunkBytes = 4 * 1024 * 1024;
/** How much of a file's start identifies it: more than one stamped line's prefix. */
const headBytes = 64;

class LogReader {
  exists = false;
  /** the byte offset the next poll reads from */
  private offset = 0;
  private decoder = new StringDecoder('utf8');
  private partial = '';
  /** the file's first bytes (up to headBytes), to tell a new file under the same name */
  private head = Buffer.alloc(0);

  constructor(
    private readonly session: PowerShellSession,
    private readonly file: string,
  ) {}

  /**
   * The lines the filter selects from what is in the file now; later polls continue
   * after it. holdPartial (following): a last line without its newline is left for the
   * first poll, so it is printed once and whole.
   */
  async initial(filter: LogsFilter, holdPartial: boolean): Promise<string[]> {
    const filtered = filter.sinceMs !== undefined || filter.grep !== undefined;
    // an exact tail without reading the whole file: read the last K bytes, growing K until N lines are in it
    for (let tail = 64 * 1024; ; tail *= 4) {
      const first = await this.read(filtered ? 0 : -1, tail);
      this.exists = first.exists;
      if (!first.exists) return [];
      this.head = Buffer.from(first.head, 'base64');
      const parts = [Buffer.from(first.data, 'base64')];
      let end = first.start + parts[0]!.length;
      while (end < first.length) {
        const next = await this.read(end, 0);
        const bytes = Buffer.from(next.data, 'base64');
        if (!next.exists || bytes.length === 0) break;
        parts.push(bytes);
        end += bytes.length;
      }
      const text = Buffer.concat(parts).toString('utf8');
      const lines = splitLines(text);
      const complete = text.endsWith('\n');
      if (complete) lines.pop(); // the empty piece after the last newline
      if (first.start > 0) lines.shift(); // the first line was cut by the tail window
      if (!filtered && lines.length < filter.lines + (complete ? 0 : 1) && first.start > 0) continue;
      this.offset = end;
      if (!complete && holdPartial) {
        // a line still being written: the first poll reads it again, whole
        lines.pop();
        this.offset = end - Buffer.byteLength(text.slice(text.lastIndexOf('\n') + 1), 'utf8');
      }
      return selectLines(lines, filter, Date.now());
    }
  }

  /** The complete lines written since the last read. */
  async poll(onNote: (note: string) => void): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const chunk = await this.read(this.offset, 0);
      if (!chunk.exists) {
        if (this.exists) onNote(`${this.file} is gone (rotated?); waiting for it to come back`);
        this.exists = false;
        return lines;
      }
      if (!this.exists) onNote(`${this.file} appeared`);
      this.exists = true;
      if (chunk.length < this.offset || !this.sameFile(chunk)) {
        onNote(`${this.file} was rotated (a new file has its name); reading the new file from the start`);
        lines.push(...this.flush());
        this.offset = 0;
        this.head = Buffer.alloc(0);
        continue;
      }
      const bytes = Buffer.from(chunk.data, 'base64');
      this.offset = chunk.start + bytes.length;
      lines.push(...this.take(this.decoder.write(bytes)));
      if (this.offset >= chunk.length) return lines;
    }
  }

  /**
   * Whether the file still starts with the bytes it started with when last read. A rotation
   * renames the file and the supervisor creates a new one; the new one can grow past the old
   * offset between two polls, so its length alone does not tell. Its first bytes do: every
   * file starts with different lines (stamped ones, at least). Creation time would not:
   * NTFS tunnelling gives a file created under a just-renamed name the old creation time.
   */
  private sameFile(chunk: Chunk): boolean {
    const head = Buffer.from(chunk.head, 'base64');
    const known = this.head.length;
    const same = head.length >= known && head.subarray(0, known).equals(this.head);
    if (same && head.length > known) this.head = head;
    return same;
  }

  /** A last line without its newline, at the end. */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    this.decoder = new StringDecoder('utf8');
    return rest ? [rest.replace(/\r$/, '')] : [];
  }

  private take(text: string): string[] {
    const joined = this.partial + text;
    const lines = joined.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, ''));
  }

  /** offset -1: the last tailBytes bytes */
  private read(offset: number, tailBytes: number): Promise<Chunk> {
    return query<Chunk>(this.session, 'read-log', readScript(this.file, offset, tailBytes), 120_000);
  }
}

function readScript(file: string, offset: number, tailBytes: number): string {
  return [
    `$path = ${psString(file)}`,
    `$offset = [int64]${psInt(offset)}`,
    `$tailBytes = [int64]${psInt(tailBytes)}`,
    `$maxBytes = [int64]${psInt(chunkBytes)}`,
    `$headBytes = [int]${psInt(headBytes)}`,
    'if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {',
    "    [pscustomobject]@{ exists = $false; head = ''; length = 0; start = 0; data = '' }",
    '    return',
    '}',
    '$fullPath = Convert-Path -LiteralPath $path',
    "$share = [System.IO.FileShare]'ReadWrite, Delete'",
    '$stream = [System.IO.File]::Open($fullPath, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, $share)',
    'try {',
    '    $length = $stream.Length',
    '    $start = $offset',
    '    if ($start -lt 0) {',
    '        $start = [System.Math]::Max([int64]0, $length - $tailBytes)',
    '    }',
    '    $headCount = [int][System.Math]::Min([int64]$headBytes, $length)',
    '    $headBuffer = New-Object -TypeName byte[] -ArgumentList $headCount',
    '    $headRead = 0',
    '    while ($headRead -lt $headCount) {',
    '        $got = $stream.Read($headBuffer, $headRead, $headCount - $headRead)',
    '        if ($got -le 0) {',
    '            break',
    '        }',
    '        $headRead += $got',
    '    }',
    '    $count = [int][System.Math]::Max([int64]0, [System.Math]::Min($length - $start, $maxBytes))',
    '    $buffer = New-Object -TypeName byte[] -ArgumentList $count',
    '    $read = 0',
    '    if ($count -gt 0) {',
    '        $null = $stream.Seek($start, [System.IO.SeekOrigin]::Begin)',
    '        while ($read -lt $count) {',
    '            $got = $stream.Read($buffer, $read, $count - $read)',
    '            if ($got -le 0) {',
    '                break',
    '            }',
    '            $read += $got',
    '        }',
    '    }',
    '}',
    'finally {',
    '    $stream.Dispose()',
    '}',
    '$head = [System.Convert]::ToBase64String($headBuffer, 0, $headRead)',
    '[pscustomobject]@{ exists = $true; head = $head; length = $length; start = $start; data = [System.Convert]::ToBase64String($buffer, 0, $read) }',
  ].join('\n');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** The supervisor's prefix (supervisor/src/logio.c): local time `YYYY-MM-DDTHH:MM:SS.mmm `. */
const stamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?) /;

/** --since, then --grep, then the last N. A line without a stamp goes with the line before it. */
export function selectLines(lines: readonly string[], filter: LogsFilter, now: number): string[] {
  let selected = lines.slice();
  if (filter.sinceMs !== undefined) {
    const cutoff = now - filter.sinceMs;
    let keep = false;
    selected = selected.filter((line) => {
      const match = stamp.exec(line);
      if (match) keep = new Date(match[1]!).getTime() >= cutoff; // no zone: local time, as written
      return keep;
    });
  }
  if (filter.grep) selected = selected.filter((line) => filter.grep!.test(line));
  return filter.lines > 0 ? selected.slice(-filter.lines) : selected;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
