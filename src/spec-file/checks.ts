/**
 * Rules that span fields or depend on the chosen host: what zod's per-field
 * schema cannot say. Each returns problems with the path they are about.
 */
import { windowsAbsolutePath, type Spec } from './schema.js';
import { parseDuration, parsePortRange, parseSize, rangesOverlap, type PortRange } from './units.js';
import { isPlainObject } from './overlay.js';

export interface Finding {
  path: PropertyKey[];
  message: string;
  /** point at the key rather than the value (e.g. a field the host cannot honour) */
  at?: 'key';
}

const ms = (text: string): number => (parseDuration(text) as { value: number }).value;

/**
 * Fields each host cannot honour, with why; the message names the host that can.
 * NSSM means NSSM 2.24, the current release: its 2.25 pre-releases add hooks
 * (AppEvents) and timestamps, but are not what shops standardize on.
 */
const unsupportedByHost: Record<'nssm' | 'native', { path: string[]; why?: string }[]> = {
  native: [
    ['health'],
    ['limits'],
    ['hooks'],
    ['logs'],
    ['recovery', 'restart'],
    ['recovery', 'backoff'],
    ['recovery', 'exitCodes'],
    ['recovery', 'giveUpAfter'],
    ['stop'],
    ['environment'],
    ['secrets'],
    ['instances'],
    ['port'],
    ['release'],
    ['metrics'],
  ].map((path) => ({ path })),
  nssm: [
    { path: ['health'], why: 'NSSM has no health checks' },
    { path: ['hooks'], why: 'NSSM 2.24 runs no hooks (AppEvents exist only in 2.25 pre-releases)' },
    { path: ['limits', 'memory'], why: 'NSSM sets no job memory limit' },
    { path: ['limits', 'cpuPercent'], why: 'NSSM sets no job CPU limit' },
    { path: ['logs', 'timestamps'], why: 'NSSM 2.24 writes no timestamps' },
    { path: ['logs', 'rotate', 'keep'], why: 'NSSM keeps every rotated file' },
    { path: ['recovery', 'backoff', 'max'], why: "NSSM's restart throttle doubles up to a cap built into NSSM" },
    { path: ['recovery', 'giveUpAfter'], why: 'NSSM never gives up restarting' },
    { path: ['secrets'], why: 'NSSM keeps environment values in the registry in plain text' },
    { path: ['instances'], why: 'one NSSM service runs one program' },
    { path: ['port'], why: 'NSSM does not check the port before each start' },
    { path: ['release'], why: "releases switch through svcforge-host's release pointer" },
    { path: ['metrics'], why: 'NSSM exports no metrics' },
  ],
};

const dwordMax = 4294967295;

export function checkNoNul(value: unknown, path: PropertyKey[] = [], findings: Finding[] = []): Finding[] {
  if (typeof value === 'string') {
    if (value.includes('\0')) findings.push({ path, message: 'contains a NUL character, which Windows cannot store; remove it' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkNoNul(item, [...path, index], findings));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) findings.push({ path: [...path, key], message: 'field name contains a NUL character; remove it', at: 'key' });
      checkNoNul(item, [...path, key], findings);
    }
  }
  return findings;
}

/** `raw` is the document after profile overlay, before defaults: it says which fields the author wrote. */
export function checkSpec(spec: Spec, raw: Record<string, unknown>): Finding[] {
  return [
    ...checkHost(spec, raw),
    ...checkRecovery(spec),
    ...checkAccount(spec),
    ...checkHealth(spec),
    ...checkPorts(spec),
    ...checkMetrics(spec),
    ...checkSecrets(spec),
    ...checkPaths(spec),
    ...checkProgram(spec),
  ];
}

function checkHost(spec: Spec, raw: Record<string, unknown>): Finding[] {
  if (spec.host !== 'nssm') {
    if (spec.nssm) return [{ path: ['nssm'], message: 'is only used with host: nssm; remove it or set host: nssm', at: 'key' }];
    if (spec.host === 'svcforge') return [];
  }
  const findings: Finding[] = [];
  for (const { path, why } of unsupportedByHost[spec.host]) {
    if (has(raw, path)) {
      const reason = why ? ` (${why})` : '';
      findings.push({ path, message: `is not supported by host '${spec.host}'${reason}; host 'svcforge' supports it (or remove the field)`, at: 'key' });
    }
  }
  if (spec.host === 'nssm') findings.push(...checkNssm(spec, raw));
  return findings;
}

/** What NSSM can hold only within limits: its path, DWORD values, one-line environment values. */
function checkNssm(spec: Spec, raw: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  if (!spec.nssm) {
    findings.push({
      path: ['host'],
      message: "'nssm' needs nssm.path, where nssm.exe (NSSM 2.24) is on the target, e.g. nssm: { path: 'C:\\tools\\nssm\\nssm.exe' }",
    });
  }
  if (has(raw, ['logs', 'eventLog']) && !spec.logs.eventLog) {
    findings.push({
      path: ['logs', 'eventLog'],
      message: "cannot be false with host 'nssm' (NSSM always writes its start, exit and restart events to the Application log); host 'svcforge' supports it",
    });
  }
  if ((parseSize(spec.logs.rotate.maxSize) as { value: number }).value > dwordMax) {
    findings.push({ path: ['logs', 'rotate', 'maxSize'], message: `must be below 4GB with host 'nssm' (a DWORD); got ${spec.logs.rotate.maxSize}` });
  }
  const durations: [string[], string][] = [
    [['stop', 'timeout'], spec.stop.timeout],
    [['recovery', 'backoff', 'initial'], spec.recovery.backoff.initial],
    [['recovery', 'backoff', 'resetAfter'], spec.recovery.backoff.resetAfter],
  ];
  for (const [path, value] of durations) {
    if (ms(value) > dwordMax) findings.push({ path, message: `must be at most 49d with host 'nssm' (NSSM keeps it in milliseconds in a DWORD); got ${value}` });
  }
  for (const [name, value] of Object.entries(spec.environment)) {
    if (/[\r\n]/.test(value)) {
      findings.push({ path: ['environment', name], message: "cannot contain a line break with host 'nssm' (nssm.exe takes environment values one per line)" });
    }
  }
  return findings;
}

function checkRecovery(spec: Spec): Finding[] {
  const findings: Finding[] = [];
  const { initial, max } = spec.recovery.backoff;
  if (ms(max) < ms(initial)) findings.push({ path: ['recovery', 'backoff', 'max'], message: `must be >= initial (${initial}); got ${max}` });
  for (const code of Object.keys(spec.recovery.exitCodes)) {
    if (Number(code) > 4294967295) findings.push({ path: ['recovery', 'exitCodes', code], message: 'exit codes must be within 0-4294967295', at: 'key' });
  }
  if (ms(spec.stop.timeout) < 1) findings.push({ path: ['stop', 'timeout'], message: 'must be at least 1ms' });
  if (spec.limits.memory !== undefined) {
    const bytes = (parseSize(spec.limits.memory) as { value: number }).value;
    if (bytes < 16 * 1024 * 1024)
      findings.push({ path: ['limits', 'memory'], message: `must be at least 16MB to leave a program room to start; got ${spec.limits.memory}` });
  }
  if ((parseSize(spec.logs.rotate.maxSize) as { value: number }).value < 4096) {
    findings.push({ path: ['logs', 'rotate', 'maxSize'], message: `must be at least 4KB; got ${spec.logs.rotate.maxSize}` });
  }
  return findings;
}

function checkAccount(spec: Spec): Finding[] {
  const { type, name } = spec.account;
  if (type === 'user' || type === 'gmsa') {
    if (!name)
      return [
        { path: ['account', 'name'], message: `is required for account type ${type}, e.g. ${type === 'gmsa' ? 'CONTOSO\\svc-web$' : 'CONTOSO\\svc-web'}` },
      ];
    if (type === 'gmsa' && !name.endsWith('$')) return [{ path: ['account', 'name'], message: `a gMSA name ends with $, e.g. ${name}$` }];
    if (!/^[^\\]+\\[^\\]+$/.test(name) && !/^[^@]+@[^@]+$/.test(name)) {
      return [{ path: ['account', 'name'], message: `must be DOMAIN\\name or name@domain; got ${JSON.stringify(name)}` }];
    }
    return [];
  }
  return name ? [{ path: ['account', 'name'], message: `is only used with type user or gmsa; type ${type} has a fixed name`, at: 'key' }] : [];
}

function checkHealth(spec: Spec): Finding[] {
  const health = spec.health;
  if (!health) return [];
  const findings: Finding[] = [];
  if (!health.http === !health.tcp) findings.push({ path: ['health'], message: 'needs exactly one of http or tcp' });
  if (ms(health.timeout) >= ms(health.interval)) {
    findings.push({ path: ['health', 'timeout'], message: `must be shorter than interval (${health.interval}); got ${health.timeout}` });
  }
  const target = health.http ? /^http:\/\/[^/]*:(\d+)/.exec(health.http)?.[1] : health.tcp?.split(':')[1];
  if (target !== undefined && (Number(target) < 1 || Number(target) > 65535)) {
    findings.push({ path: ['health', health.http ? 'http' : 'tcp'], message: `port must be within 1-65535; got ${target}` });
  }
  return findings;
}

function checkPorts(spec: Spec): Finding[] {
  const findings: Finding[] = [];
  const seen: { range: PortRange; protocol: string; index: number }[] = [];
  spec.firewall.forEach((rule, index) => {
    const parsed = typeof rule.port === 'number' ? { ok: true as const, value: { low: rule.port, high: rule.port } } : parsePortRange(rule.port);
    if (!parsed.ok) {
      findings.push({ path: ['firewall', index, 'port'], message: parsed.message });
      return;
    }
    const clash = seen.find((other) => other.protocol === rule.protocol && rangesOverlap(other.range, parsed.value));
    if (clash) {
      findings.push({
        path: ['firewall', index, 'port'],
        message: `overlaps firewall[${clash.index}] (${rule.protocol}); merge the two rules or make the ranges disjoint`,
      });
    }
    seen.push({ range: parsed.value, protocol: rule.protocol, index });
  });
  const { count, portRange } = spec.instances;
  if (portRange !== undefined) {
    const parsed = parsePortRange(portRange);
    if (!parsed.ok) findings.push({ path: ['instances', 'portRange'], message: parsed.message });
    else if (parsed.value.high - parsed.value.low + 1 < count) {
      findings.push({ path: ['instances', 'portRange'], message: `has ${parsed.value.high - parsed.value.low + 1} ports for ${count} instances; widen it` });
    }
    if (spec.port !== undefined)
      findings.push({ path: ['port'], message: 'cannot be combined with instances.portRange: each instance picks its port from the range', at: 'key' });
  } else if (count > 1) {
    findings.push({
      path: ['instances', 'portRange'],
      message: `is required when instances.count > 1, so each instance gets its own port, e.g. 8081-${8080 + count}`,
    });
  }
  return findings;
}

function checkSecrets(spec: Spec): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const name of Object.keys(spec.environment)) {
    const twin = seen.get(name.toUpperCase());
    if (twin !== undefined)
      findings.push({
        path: ['environment', name],
        message: `Windows environment names ignore case, so this is the same variable as ${twin}; keep one`,
        at: 'key',
      });
    seen.set(name.toUpperCase(), name);
  }
  if (spec.instances.portRange !== undefined && seen.has(spec.instances.portEnv.toUpperCase())) {
    const name = seen.get(spec.instances.portEnv.toUpperCase())!;
    findings.push({
      path: ['environment', name],
      message: `is set by the supervisor to each instance's port (instances.portEnv); remove it from environment`,
      at: 'key',
    });
  }
  for (const reserved of ['SVCFORGE_RELEASE', 'SVCFORGE_SHARED']) {
    const name = seen.get(reserved);
    if (name !== undefined && spec.release !== undefined)
      findings.push({ path: ['environment', name], message: `is set by the supervisor with release: (${reserved}); remove it from environment`, at: 'key' });
  }
  spec.secrets.forEach((name, index) => {
    const envName = seen.get(name.toUpperCase());
    if (envName !== undefined)
      findings.push({
        path: ['environment', envName],
        message: `is listed in secrets; a secret's value is never written to a file, so remove it from environment`,
        at: 'key',
      });
    if (spec.secrets.findIndex((other) => other.toUpperCase() === name.toUpperCase()) !== index)
      findings.push({ path: ['secrets', index], message: `lists ${name} twice` });
  });
  return findings;
}

/** Without `release:` the program is an absolute path; with it, a path inside the release folder. */
function checkProgram(spec: Spec): Finding[] {
  if (spec.release === undefined) {
    return windowsAbsolutePath.test(spec.program)
      ? []
      : [
          {
            path: ['program'],
            message: `must be an absolute Windows path like C:\\apps\\app.exe (or add release: to deploy it as versioned releases); got ${JSON.stringify(spec.program)}`,
          },
        ];
  }
  const parts = spec.program.split(/[\\/]/);
  if (/^[\\/]/.test(spec.program) || /^[A-Za-z]:/.test(spec.program) || parts.some((part) => part === '' || part === '.' || part === '..')) {
    return [
      {
        path: ['program'],
        message: `with release:, must be the program's path inside the release, like gin-hello.exe or bin\\gin-hello.exe; got ${JSON.stringify(spec.program)}`,
      },
    ];
  }
  return [];
}

const badPathCharacters = /[<>"|?*\u0000-\u001f]/;

function checkPaths(spec: Spec): Finding[] {
  const paths: [PropertyKey[], string | undefined][] = [
    [['program'], spec.program],
    [['workingDirectory'], spec.workingDirectory],
    [['logs', 'dir'], spec.logs.dir],
    [['installDir'], spec.installDir],
    [['nssm', 'path'], spec.nssm?.path],
  ];
  return paths
    .filter(([, value]) => value !== undefined && badPathCharacters.test(value.replace(/^[A-Za-z]:/, '')))
    .map(([path]) => ({ path, message: 'contains a character Windows does not allow in paths (< > " | ? * or a control character)' }));
}

function has(raw: unknown, path: string[]): boolean {
  let node = raw;
  for (const part of path) {
    if (!isPlainObject(node) || !(part in node)) return false;
    node = node[part];
  }
  return true;
}

function checkMetrics(spec: Spec): Finding[] {
  const { metrics } = spec;
  if (!metrics) return [];
  if (metrics.textfile === undefined && metrics.listen === undefined) {
    return [{ path: ['metrics'], message: 'needs textfile, listen or both, e.g. metrics: { listen: 9464 }', at: 'key' }];
  }
  if (metrics.listen === undefined) return [];
  const port = typeof metrics.listen === 'number' ? metrics.listen : Number(metrics.listen.slice(metrics.listen.lastIndexOf(':') + 1));
  const last = port + spec.instances.count - 1;
  if (port < 1 || last > 65535) {
    return [{ path: ['metrics', 'listen'], message: `needs ports ${port}-${last} for ${spec.instances.count} instance(s); ports must be within 1-65535` }];
  }
  if (spec.port !== undefined && spec.port >= port && spec.port <= last) {
    return [{ path: ['metrics', 'listen'], message: `uses port ${spec.port}, the program's own port; pick another, e.g. 9464` }];
  }
  return [];
}
