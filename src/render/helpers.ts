/** The Handlebars helpers: each produces a complete literal, so templates never quote. */
import { confValue } from '../quote/host-conf.js';
import { psArray, psBool, psInt, psStepCall, psString } from '../quote/powershell.js';

/** A value inside a `#` comment line: one line, nothing that ends a block comment. */
export function psComment(value: string): string {
  return value.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/#>/g, '# >');
}

/** Inline Markdown code; arrays are joined with ", ". */
export function mdCode(value: string | readonly string[]): string {
  const text = (typeof value === 'string' ? value : value.join(', ')).replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain Markdown text on one line, with HTML and Markdown control characters escaped. */
export function mdText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`);
}

export const helpers = {
  psString,
  psArray,
  psBool,
  psInt,
  psStepCall,
  psComment,
  confValue,
  mdCode,
  mdText,
  eq: (a: unknown, b: unknown): boolean => a === b,
} as const;
