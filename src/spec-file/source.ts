/**
 * A YAML document that remembers where every value came from, so that a problem
 * found later (by zod, by a cross-field check) can name `file:line:col`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { SpecProblem } from '../errors.js';

export interface SpecSource {
  file: string;
  data: unknown;
  /** Line/column of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly PropertyKey[], which?: 'key' | 'value'): { line: number; column: number } | undefined;
  problem(path: readonly PropertyKey[], message: string, which?: 'key' | 'value'): SpecProblem;
}

export function parseSpecText(text: string, file: string): { source?: SpecSource; problems: SpecProblem[] } {
  const lineCounter = new LineCounter();
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    lineCounter.addNewLine(0);
    const { line, col } = positionOf(text, nul);
    return { problems: [{ file, path: '', line, column: col, message: 'contains a NUL character; remove it (the file may be UTF-16: save it as UTF-8)' }] };
  }
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: SpecProblem[] = document.errors.map((error) => {
    const position = error.linePos?.[0];
    return { file, path: '', line: position?.line, column: position?.col, message: describeYamlError(error.code, error.message) };
  });
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: maxAliasExpansions });
  } catch (error) {
    return { problems: [toJsProblem(error, document, lineCounter, file)] };
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { problems: [{ file, path: '', line: 1, column: 1, message: 'must be a YAML mapping of fields (name: ..., program: ...)' }] };
  }
  const locate = (path: readonly PropertyKey[], which: 'key' | 'value' = 'value') => {
    const offset = offsetOf(document, path, which);
    if (offset === undefined) return undefined;
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  const source: SpecSource = {
    file,
    data: data ?? {},
    locate,
    problem: (path, message, which) => ({ file, path: formatPath(path), message, ...toLineColumn(locate(path, which)) }),
  };
  return { source, problems };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const text = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(text) ? (out ? `.${text}` : text) : `[${JSON.stringify(text)}]`;
    }
  }
  return out;
}

function toLineColumn(position: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return position ? { line: position.line, column: position.column } : {};
}

function offsetOf(document: Document, path: readonly PropertyKey[], which: 'key' | 'value'): number | undefined {
  let node: Node | null | undefined = document.contents;
  let best = node?.range?.[0];
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return best;
      const keyNode = pair.key as Node;
      if (last && which === 'key') return keyNode.range?.[0] ?? best;
      best = keyNode.range?.[0] ?? best;
      node = pair.value as Node | null;
      if (node?.range) best = node.range[0];
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part] as Node | undefined;
      if (!node) return best;
      if (node.range) best = node.range[0];
    } else {
      return best;
    }
  }
  return best;
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** How often one alias may be expanded; a spec repeats a value a few times, a "billion laughs" file millions. */
const maxAliasExpansions = 100;

const tooDeep = (error: unknown) => error instanceof RangeError && /call stack/i.test(error.message);
const tooDeepMessage = 'is nested too deeply (thousands of levels of lists or mappings); a service spec needs a few levels: check the brackets and indentation';

/** toJS fails only on aliases that expand too far and on nesting too deep for the stack. */
function toJsProblem(error: unknown, document: Document, lineCounter: LineCounter, file: string): SpecProblem {
  if (tooDeep(error)) return { file, path: '', line: 1, column: 1, message: tooDeepMessage };
  if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  const position = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
  return {
    file,
    path: '',
    line: position.line,
    column: position.col,
    message: `uses aliases (*name) that expand to too many values (more than ${maxAliasExpansions} copies of one anchor, as in a "billion laughs" file); write the values out or use fewer aliases`,
  };
}

function describeYamlError(code: string, message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  if (/maximum call stack/i.test(firstLine)) return tooDeepMessage;
  if (code === 'DUPLICATE_KEY') return `${firstLine.replace(/ at line.*$/, '')}: each field may appear once; remove or merge the repeated one`;
  return `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+.*$/, '')}`;
}
