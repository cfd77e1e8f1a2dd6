/**
 * What a lifecycle command acts on: the services a spec describes, or one service
 * named on the command line. For a name, the service's own files are found the way
 * the supervisor finds them: its binary path is `"...\svcforge-host.exe" service
 * "<conf>"`, and the conf (supervisor/FORMAT.md) names the status file and the logs.
 */
import { existsSync, statSync } from 'node:fs';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { PowerShellSession } from '../exec/session.js';
import { dataPaths } from '../model/derive.js';
import { restartPendingFile } from '../model/steps.js';
import { winJoin } from '../model/windows-path.js';
import { planFromFile, type Planned } from '../pipeline.js';
import { psString } from '../quote/powershell.js';
import { query } from './session.js';

export interface InstanceTarget {
  /** the service name */
  name: string;
  /** the supervisor's status file; undefined when the service is not run by svcforge-host.exe */
  statusFile?: string;
  /** full paths of the program's logs */
  stdoutLog?: string;
  stderrLog?: string;
  /** the supervisor prefixes each log line with its local time */
  timestamps?: boolean;
  port?: number;
  /** where a deferred restart is recorded (apply --no-restart) */
  restartPendingFile?: string;
}

export interface Target {
  /** how the services were named: a spec file, or a service name */
  source: 'spec' | 'service';
  /** the spec path or the service name, as given */
  given: string;
  /** the deployment name, or the service name */
  name: string;
  instances: InstanceTarget[];
  /** set when source is spec */
  planned?: Planned;
}

/** Decides whether the argument is a spec file or a service name; a name is located later, in the session. */
export type TargetRequest = { kind: 'spec'; planned: Planned } | { kind: 'service'; name: string };

export async function requestTarget(given: string, profile?: string): Promise<TargetRequest> {
  if (isFile(given) || /\.ya?ml$/i.test(given) || /[\\/]/.test(given)) {
    return { kind: 'spec', planned: await planFromFile(given, { profile }) };
  }
  if (profile !== undefined)
    throw new SvcforgeError(`--profile applies to a spec file, but ${given} is a service name (no such file)`, 'USAGE', ExitCode.invalid, [
      'drop --profile, or give the spec file',
    ]);
  return { kind: 'service', name: given };
}

/** Resolves a request to its instances; a service name is looked up through the session. */
export async function resolveTarget(request: TargetRequest, session: PowerShellSession): Promise<Target> {
  if (request.kind === 'spec') return specTarget(request.planned);
  return serviceTarget(request.name, session);
}

/** A spec's instances, with the log and status paths its svcforge-host.conf gives them. */
export function specTarget(planned: Planned): Target {
  const { deployment } = planned;
  return {
    source: 'spec',
    given: planned.file,
    name: deployment.name,
    planned,
    instances: deployment.instances.map((instance) => {
      const pending = restartPendingFile(deployment, instance.name);
      if (!instance.conf) return { name: instance.name, port: instance.port, restartPendingFile: pending };
      return { ...fromConf(instance.name, new Map(instance.conf)), port: instance.port, restartPendingFile: pending };
    }),
  };
}

async function serviceTarget(name: string, session: PowerShellSession): Promise<Target> {
  const service = await query<{ exists: boolean; binaryPath: string | null }>(session, `find:${name}`, `Get-SvcForgeStatus -Name ${psString(name)}`);
  if (!service.exists) {
    throw new SvcforgeError(`service ${name} does not exist on this machine (and ${name} is not a spec file)`, 'SERVICE_NOT_FOUND', ExitCode.failed, [
      'check the name with: Get-Service',
      'or give the spec file: svcforge <command> path/to/svcforge.yaml',
    ]);
  }
  const confPath = hostConfPath(service.binaryPath ?? '');
  // The data folder depends on the deployment's name alone: right for a one-instance
  // deployment (service name = deployment name); an instance `<name>-N` needs the spec.
  const pending = restartPendingFile({ paths: dataPaths(name) }, name);
  if (!confPath) return { source: 'service', given: name, name, instances: [{ name, restartPendingFile: pending }] };
  const read = await query<{ exists: boolean; text: string | null }>(
    session,
    `conf:${name}`,
    [
      `$path = ${psString(confPath)}`,
      '$exists = Test-Path -LiteralPath $path -PathType Leaf',
      '$text = $null',
      'if ($exists) { $text = Get-Content -LiteralPath $path -Raw -Encoding UTF8 }',
      '[pscustomobject]@{ exists = $exists; text = $text }',
    ].join('\n'),
  );
  if (!read.exists || read.text === null) {
    throw new SvcforgeError(`service ${name} runs svcforge-host.exe with ${confPath}, which does not exist`, 'CONF_MISSING', ExitCode.failed, [
      "run `svcforge apply` with the service's spec to restore its files, or give the spec file instead of the name",
    ]);
  }
  const conf = parseHostConf(read.text);
  return { source: 'service', given: name, name, instances: [{ ...fromConf(conf.get('name') ?? name, conf), restartPendingFile: pending }] };
}

function fromConf(name: string, conf: ReadonlyMap<string, string>): InstanceTarget {
  const logDir = conf.get('log_dir');
  const instance: InstanceTarget = { name, timestamps: conf.get('log_timestamps') === 'true' };
  if (logDir) {
    instance.statusFile = conf.get('status_file') ?? winJoin(logDir, 'status.json');
    instance.stdoutLog = winJoin(logDir, conf.get('log_stdout') ?? `${name}.out.log`);
    instance.stderrLog = winJoin(logDir, conf.get('log_stderr') ?? `${name}.err.log`);
  } else if (conf.has('status_file')) {
    instance.statusFile = conf.get('status_file');
  }
  return instance;
}

/** The conf path of a binary path `"...\svcforge-host.exe" service "<conf>"`; undefined for any other program. */
export function hostConfPath(binaryPath: string): string | undefined {
  const argv = splitCommandLine(binaryPath);
  const program = argv[0]?.split('\\').pop()?.toLowerCase();
  if (program !== 'svcforge-host.exe' || argv[1] !== 'service' || !argv[2]) return undefined;
  return argv[2];
}

/** CommandLineToArgvW's rules: the inverse of quoteArgument in src/quote/command-line.ts. */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (character === '\\') {
      let count = 0;
      while (line[index] === '\\') {
        count += 1;
        index += 1;
      }
      if (line[index] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else inQuotes = !inQuotes;
      } else {
        current += '\\'.repeat(count);
        index -= 1;
      }
      started = true;
    } else if (character === '"') {
      if (inQuotes && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else inQuotes = !inQuotes;
      started = true;
    } else if ((character === ' ' || character === '\t') && !inQuotes) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += character;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** svcforge-host.conf -> the last value of each key (supervisor/FORMAT.md: bare or quoted values). */
export function parseHostConf(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-z0-9_]+)[ \t]*=[ \t]*(.*)$/.exec(line);
    if (!match) continue;
    values.set(match[1]!, match[2]!.startsWith('"') ? unquote(match[2]!) : match[2]!);
  }
  return values;
}

function unquote(value: string): string {
  let out = '';
  for (let index = 1; index < value.length; index++) {
    const character = value[index]!;
    if (character === '"') break;
    if (character !== '\\') {
      out += character;
      continue;
    }
    const next = value[++index];
    if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === 't') out += '\t';
    else if (next === 'x') {
      out += String.fromCharCode(parseInt(value.slice(index + 1, index + 3), 16));
      index += 2;
    } else out += next ?? '';
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
