/**
 * svcforge.yaml -> Spec, or every problem found, each with its field path and
 * file:line:col. Pure apart from reading the file.
 */
import type { z } from 'zod';
import { SpecError, type SpecProblem } from '../errors.js';
import { checkNoNul, checkSpec } from './checks.js';
import { interpolate, type InterpolationProblem } from './interpolate.js';
import { isPlainObject, overlay } from './overlay.js';
import { knownFieldNames, specSchema, type Spec } from './schema.js';
import { readSpecFile } from './read-spec-file.js';
import { parseSpecText, type SpecSource } from './source.js';
import { didYouMean } from './suggest.js';

export interface LoadOptions {
  profile?: string;
  /** the caller's environment for ${NAME:default}; defaults to process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LoadedSpec {
  spec: Spec;
  file: string;
  profile?: string;
}

export async function loadSpecFile(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const text = await readSpecFile(file);
  return { spec: parseSpec(text.replace(/^\uFEFF/, ''), file, options), file, profile: options.profile };
}

/** Parses and validates spec text; throws SpecError listing every problem. */
export function parseSpec(text: string, file: string, options: LoadOptions = {}): Spec {
  const { source, problems } = parseSpecText(text, file);
  if (!source) throw new SpecError(problems);

  const nulFindings = checkNoNul(source.data);
  if (nulFindings.length > 0) throw new SpecError(nulFindings.map((f) => source.problem(f.path, f.message, f.at)));

  const selected = selectProfile(source, options.profile);
  const interpolationProblems: InterpolationProblem[] = [];
  const data = interpolate(selected, options.env ?? process.env, interpolationProblems);
  const located = interpolationProblems.map((p) => source.problem(profilePath(p.path, options.profile, source), p.message));

  // jitless: zod's compiled fast path costs more to generate than one parse of one file saves.
  const parsed = specSchema.safeParse(data, { reportInput: true, jitless: true });
  if (!parsed.success) throw new SpecError(sortProblems([...located, ...zodProblems(parsed.error, source, options.profile)]));
  const findings = checkSpec(parsed.data, data as Record<string, unknown>);
  const all = [...located, ...findings.map((f) => source.problem(profilePath(f.path, options.profile, source), f.message, f.at))];
  if (all.length > 0) throw new SpecError(sortProblems(all));
  return parsed.data;
}

function selectProfile(source: SpecSource, profile: string | undefined): unknown {
  const data = source.data as Record<string, unknown>;
  if (profile === undefined) return data;
  const profiles = isPlainObject(data.profiles) ? data.profiles : {};
  const chosen = profiles[profile];
  if (!isPlainObject(chosen)) {
    const names = Object.keys(profiles);
    throw new SpecError([
      source.problem(
        ['profiles'],
        `has no profile ${JSON.stringify(profile)}; ${names.length ? `choose one of: ${names.join(', ')}` : 'define one under profiles:'}`,
        'key',
      ),
    ]);
  }
  return overlay(data, chosen);
}

/** A problem inside a field the profile overrides points at the profile's line. */
function profilePath(path: PropertyKey[], profile: string | undefined, source: SpecSource): PropertyKey[] {
  if (profile === undefined || path.length === 0) return path;
  const overridden = ['profiles', profile, ...path];
  for (let length = overridden.length; length > 2; length -= 1) {
    if (hasPath(source.data, overridden.slice(0, length))) return length === overridden.length ? overridden : path;
  }
  return path;
}

function hasPath(data: unknown, path: PropertyKey[]): boolean {
  let node = data;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number') node = node[part];
    else if (isPlainObject(node) && String(part) in node) node = node[String(part)];
    else return false;
  }
  return true;
}

function zodProblems(error: z.ZodError, source: SpecSource, profile: string | undefined): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldNames(path as (string | number)[]);
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const hint = guess ? `; did you mean ${guess}?` : known.length ? `; known fields: ${known.join(', ')}` : '';
        problems.push(source.problem(profilePath([...path, key], profile, source), `unknown field${hint}`, 'key'));
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const message = missing ? `is required${issue.message.startsWith('is required') ? issue.message.slice('is required'.length) : ''}` : issue.message;
    problems.push(source.problem(profilePath(path, profile, source), message, missing ? 'key' : undefined));
  }
  return problems;
}

function sortProblems(problems: SpecProblem[]): SpecProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
