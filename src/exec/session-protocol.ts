/**
 * The protocol between the CLI and its PowerShell session, Node's side: how a request
 * is written and how a line PowerShell printed is read back. The PowerShell side is
 * the bootstrap (session-bootstrap.ts); the process that carries both is session.ts.
 *
 * pwsh starts with `-NoLogo -NoProfile -NonInteractive -EncodedCommand` and the
 * bootstrap, which imports the modules once, prints a `ready` frame, and then reads one
 * request per stdin line: `<id> <base64 of the UTF-8 script>`, with an optional third
 * field `<base64 of the UTF-8 input>` that the script sees as `$SvcForgeInput` (a
 * password, say: it is never part of the script's text, so no parse error or position
 * message can quote it).
 * (Requests go to a read loop rather than to `-Command -`, whose line-by-line REPL needs
 * blank lines to end multi-line blocks and echoes prompts into stdout.) It runs the
 * script in its own scope with every stream merged (`*>&1`), and sends each item back
 * as one stdout line `<tag> <kind> <id> <base64 of UTF-8 text>`, where tag is a random
 * per-session nonce: a step cannot forge a frame, and text outside frames (a native
 * program writing straight to the console) is kept as `stdout` messages, never parsed.
 * Kinds: record (an object, `ConvertTo-Json -Compress -Depth 6` done by the session),
 * text (a string the script wrote, e.g. `ConvertTo-SvcForgeRecordJson` output; parsed
 * here when it is a JSON object or array), host/warning/verbose/debug/error (streams),
 * then exactly one of done / fail (the script threw: message, type, position). Before
 * the first request, id 0 carries `ready` (ReadyInfo) or `fatal` (a module did not
 * import: a ScriptError).
 */
import { randomBytes } from 'node:crypto';

/** A terminating error the script threw, as PowerShell described it. */
export interface ScriptError {
  message: string;
  type: string;
  errorId: string;
  position: string;
  scriptStackTrace: string;
}

/** What the `ready` frame says about the PowerShell that started. */
export interface ReadyInfo {
  version: string;
  edition: string;
  pid: number;
}

/** The id of the frames the bootstrap prints before the first request (`ready`, `fatal`). */
export const startId = '0';

/** One session's frame tag: random, so nothing a step prints can pass for a frame. */
export function newTag(): string {
  return `SVCFORGE-${randomBytes(12).toString('hex')}`;
}

/** The stdin line that asks the session to run `script` as request `id`, with `input` as $SvcForgeInput. */
export function requestLine(id: string, script: string, input?: string): string {
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return `${id} ${base64(script)}${input === undefined ? '' : ` ${base64(input)}`}\n`;
}

export interface Frame {
  kind: string;
  id: string;
  /** the payload, decoded */
  text: string;
}

/**
 * One stdout line (without its line break): the text a program wrote outside any frame
 * (only when it is not blank), and the frame that follows it, when the line has one.
 */
export function parseLine(line: string, tag: string): { outside?: string; frame?: Frame } {
  const at = line.indexOf(`${tag} `);
  if (at < 0) return line.trim() ? { outside: line } : {};
  const before = line.slice(0, at);
  const [kind = '', id = '', payload = ''] = line.slice(at + tag.length + 1).split(' ');
  const frame = { kind, id, text: Buffer.from(payload, 'base64').toString('utf8') };
  return before.trim() ? { outside: before, frame } : { frame };
}

/** A `text` frame's payload as JSON when it is a JSON object or array; undefined otherwise. */
export function parseJsonDocument(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}
