/**
 * `${NAME}` and `${NAME:default}` in string values, filled from the caller's
 * environment at render time. `$${` stands for a literal `${`.
 */
export interface InterpolationProblem {
  path: PropertyKey[];
  message: string;
}

const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}|\$\{/g;

export function interpolate(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: InterpolationProblem[],
  path: PropertyKey[] = [],
): unknown {
  if (typeof value === 'string') return interpolateString(value, env, problems, path);
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, problems, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env, problems, [...path, key])]));
  }
  return value;
}

function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>, problems: InterpolationProblem[], path: PropertyKey[]): string {
  return text.replace(reference, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined) {
      problems.push({ path, message: 'has "${" that is not a reference like ${NAME} or ${NAME:default}; write $${ for a literal ${' });
      return match;
    }
    const found = env[name];
    if (found !== undefined) return found;
    if (fallback !== undefined) return fallback;
    problems.push({ path, message: `refers to environment variable ${name}, which is not set; set it, or give a default: \${${name}:value}` });
    return match;
  });
}
