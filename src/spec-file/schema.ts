/**
 * The svcforge.yaml contract. Field names here are the public API; every default
 * that does not depend on another field is decided here, once (the ones that do,
 * such as `displayName` or `logs.dir`, are decided in src/model/defaults.ts and
 * documented in the descriptions below). `svcforge schema` exports this as JSON Schema.
 */
import * as z from 'zod';

const durationPattern = /^\d{1,12}(ms|s|m|h|d)$/;
const sizePattern = /^\d{1,12}(B|KB|MB|GB)$/;
const portRangePattern = /^\d{1,5}-\d{1,5}$/;
/** C:\... or \\server\share\...; shared with the program check in checks.ts. */
export const windowsAbsolutePath = /^(?:[A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/;
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const duration = (fallback: string) =>
  z
    .string({ error: 'must be a duration string like 15s' })
    .regex(durationPattern, { error: (issue) => `must be a duration like 500ms, 15s, 1m, 2h or 1d; got ${JSON.stringify(issue.input)}` })
    .default(fallback);

const size = () =>
  z
    .string({ error: 'must be a size string like 10MB' })
    .regex(sizePattern, { error: (issue) => `must be a size like 10MB, 512KB, 1GB or 4096B; got ${JSON.stringify(issue.input)}` });

const port = z
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: (issue) => `ports must be within 1-65535; got ${String(issue.input)}` })
  .max(65535, { error: (issue) => `ports must be within 1-65535; got ${String(issue.input)}` });

const portRange = z.string().regex(portRangePattern, { error: (issue) => `must be a port range like 8081-8090; got ${JSON.stringify(issue.input)}` });

const windowsPath = (what: string) =>
  z
    .string({ error: `must be a Windows path string` })
    .min(1, { error: `${what} must not be empty` })
    .regex(windowsAbsolutePath, { error: (issue) => `must be an absolute Windows path like C:\\apps\\app.exe; got ${JSON.stringify(issue.input)}` });

/** SCM service names: no slashes, at most 256 characters; we also keep them usable in file and account names. */
export const serviceNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

const hook = z.strictObject({
  command: z.string().min(1).describe('Full command line run before start (preStart) or after the program exits (postStop).'),
  timeout: duration('30s'),
});

const recoveryAction = z.string().regex(/^(?:none|restart\/\d{1,12}(?:ms|s|m|h|d)|reboot\/\d{1,12}(?:ms|s|m|h|d))$/, {
  error: (issue) => `must be restart/<delay>, reboot/<delay> or none, e.g. restart/1m; got ${JSON.stringify(issue.input)}`,
});

const firewallRule = z.strictObject({
  port: z.union([port, portRange], { error: 'must be a port number (8080) or a range ("8081-8090")' }),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  profiles: z
    .array(z.enum(['domain', 'private', 'public']))
    .min(1)
    .default(['domain', 'private'])
    .describe('Windows firewall profiles the rule applies in. public is allowed but `svcforge doctor` flags it.'),
  remoteAddresses: z
    .array(z.string().min(1))
    .min(1)
    .default(['LocalSubnet'])
    .describe('Addresses allowed to connect: LocalSubnet, an IP, a CIDR range, or a keyword New-NetFirewallRule accepts. Never "Any" by default.'),
  name: z.string().min(1).optional().describe('Rule name; default "svcforge-<service>-<protocol>-<port>".'),
});

const serviceFields = {
  name: z.string({ error: 'is required: the SCM service name, e.g. gin-hello' }).regex(serviceNamePattern, {
    error: (issue) =>
      `must be 1-80 characters of letters, digits, ".", "_" or "-", starting with a letter or digit (the SCM rejects "/" and "\\"); got ${JSON.stringify(issue.input)}`,
  }),
  displayName: z.string().min(1).max(256).optional().describe('Name shown in services.msc. Default: name.'),
  description: z.string().max(1024).default(''),
  program: z
    .string({ error: 'must be a Windows path string' })
    .min(1, { error: 'program must not be empty' })
    .describe(
      'The program to run: an absolute Windows path (C:\\apps\\app.exe), or, with `release:`, its path inside the release (app.exe or bin\\app.exe), which `svcforge build` packs and `svcforge deploy` unpacks to <installDir>\\releases\\<version>.',
    ),
  arguments: z.array(z.string()).default([]).describe('Exact argv elements; quoted for CreateProcess by svcforge.'),
  workingDirectory: windowsPath('workingDirectory').optional().describe("Default: the program's folder (never System32)."),
  environment: z
    .record(
      z.string().regex(envName, { error: (issue) => `environment variable names must match [A-Za-z_][A-Za-z0-9_]*; got ${JSON.stringify(issue.input)}` }),
      z.string(),
    )
    .default({})
    .describe('Variables added to the program environment. Values may use ${NAME:default} to read the caller environment at render time.'),
  secrets: z
    .array(z.string().regex(envName, { error: (issue) => `secret names must match [A-Za-z_][A-Za-z0-9_]*; got ${JSON.stringify(issue.input)}` }))
    .default([])
    .describe('Environment variables whose values are never rendered: supplied at apply time and stored DPAPI-encrypted.'),
  startup: z.enum(['auto', 'delayed', 'manual', 'disabled']).default('auto'),
  dependsOn: z.array(z.string().min(1)).default([]).describe('Services that must run first, e.g. Tcpip.'),
  account: z
    .strictObject({
      type: z.enum(['virtual', 'localService', 'networkService', 'localSystem', 'user', 'gmsa']).default('virtual'),
      name: z.string().min(1).optional().describe('DOMAIN\\user for type user; DOMAIN\\name$ for type gmsa.'),
    })
    .prefault({})
    .describe('Least privilege by default: the virtual account NT SERVICE\\<name>.'),
  recovery: z
    .strictObject({
      restart: z.enum(['always', 'on-failure', 'never']).default('on-failure'),
      backoff: z.strictObject({ initial: duration('1s'), max: duration('1m'), resetAfter: duration('5m') }).prefault({}),
      exitCodes: z
        .record(
          z.string().regex(/^\d{1,10}$/, { error: (issue) => `exit codes must be whole numbers 0-4294967295; got ${JSON.stringify(issue.input)}` }),
          z.enum(['stop', 'restart']),
        )
        .default({}),
      giveUpAfter: z.strictObject({ failures: z.number().int().min(1).max(64).default(5), within: duration('10m') }).prefault({}),
      scm: z
        .strictObject({
          resetAfter: duration('1d'),
          actions: z.array(recoveryAction).max(3).default(['restart/1m', 'restart/1m', 'none']),
        })
        .prefault({}),
    })
    .prefault({}),
  stop: z.strictObject({ timeout: duration('15s') }).prefault({}),
  logs: z
    .strictObject({
      dir: windowsPath('logs.dir').optional().describe('Default: C:\\ProgramData\\svcforge\\<name>\\logs.'),
      timestamps: z.boolean().default(false),
      eventLog: z.boolean().default(true),
      combined: z.boolean().default(false).describe('stdout and stderr in one file.'),
      rotate: z
        .strictObject({
          maxSize: size().default('10MB'),
          daily: z.boolean().default(false),
          keep: z.number().int().min(0).max(10000).default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  firewall: z.array(firewallRule).default([]),
  health: z
    .strictObject({
      http: z
        .string()
        .regex(/^http:\/\/[^\s/]+(?::\d+)?(?:\/\S*)?$/, { error: 'must be an http:// URL, e.g. http://127.0.0.1:8080/health' })
        .optional(),
      tcp: z
        .string()
        .regex(/^[^\s:]+:\d{1,5}$/, { error: 'must be host:port, e.g. 127.0.0.1:8080' })
        .optional(),
      interval: duration('10s'),
      timeout: duration('2s'),
      failures: z.number().int().min(1).max(100).default(3),
      startPeriod: duration('30s'),
    })
    .optional(),
  limits: z
    .strictObject({
      memory: size().optional(),
      cpuPercent: z.number().int().min(1).max(100).optional(),
      priority: z.enum(['idle', 'belowNormal', 'normal', 'aboveNormal', 'high']).default('normal'),
      affinity: z.array(z.number().int().min(0).max(63)).min(1).optional().describe('Processor numbers the program may run on.'),
    })
    .prefault({}),
  hooks: z.strictObject({ preStart: hook.optional(), postStop: hook.optional() }).prefault({}),
  port: port.optional().describe('Port the program listens on; checked free before every start.'),
  instances: z
    .strictObject({
      count: z.number().int().min(1).max(64).default(1),
      portRange: portRange.optional(),
      portEnv: z.string().regex(envName).default('PORT'),
    })
    .prefault({}),
  host: z
    .enum(['svcforge', 'nssm', 'native'])
    .default('svcforge')
    .describe('What the SCM starts: our supervisor (svcforge), NSSM, or the program itself (native).'),
  nssm: z
    .strictObject({ path: windowsPath('nssm.path') })
    .optional()
    .describe('Where nssm.exe is, for host: nssm.'),
  release: z
    .strictObject({
      assets: z
        .array(z.string().min(1))
        .default([])
        .describe('Globs, relative to the spec file, of files `svcforge build` packs beside the program, layout kept, e.g. templates/** or config/*.yaml.'),
      keep: z.number().int().min(1).max(100).default(5).describe('Releases kept on the host; the current and the last good release are never pruned.'),
      writable: z
        .array(
          z.string().regex(/^(?![\\/])(?!.*(?:^|[\\/])\.\.?(?:[\\/]|$))[^:*?"<>|]+$/, {
            error: (issue) => `must be a folder inside shared\\, without a drive, '..' or any of : * ? " < > |; got ${JSON.stringify(issue.input)}`,
          }),
        )
        .default([])
        .describe(
          'Folders inside <installDir>\\shared (which outlives every release; the program finds it in SVCFORGE_SHARED) that the service account may write, e.g. data or uploads; the rest of shared is read-only to it.',
        ),
      healthTimeout: duration('60s').describe('How long a new release has to pass its first health check before the deploy rolls back.'),
      minHealthy: duration('10s').describe('How long a new release must then stay healthy (and not restart) to pass its gate.'),
    })
    .optional()
    .describe(
      'Deploy the program as versioned releases: `svcforge build` makes a release zip, `svcforge deploy` installs it behind a health gate and rolls back by itself.',
    ),
  metrics: z
    .strictObject({
      textfile: windowsPath('metrics.textfile')
        .regex(/\.prom$/i, {
          error: (issue) => `must end in .prom (windows_exporter's textfile collector reads only *.prom); got ${JSON.stringify(issue.input)}`,
        })
        .optional()
        .describe("Prometheus text file for windows_exporter's textfile collector, e.g. C:\\Program Files\\windows_exporter\\textfile_inputs\\app.prom."),
      listen: z
        .union([
          port,
          z.string().regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d):\d{1,5}$/, {
            error: (issue) => `must be a port (bound on 127.0.0.1) or an IPv4 address and port like 127.0.0.1:9464; got ${JSON.stringify(issue.input)}`,
          }),
        ])
        .optional()
        .describe('Serve GET /metrics here: a port on loopback (9464 means 127.0.0.1:9464) or IPv4:port.'),
    })
    .optional()
    .describe('Prometheus metrics from svcforge-host: a textfile, an HTTP endpoint, or both. Instances get -N before .prom and port + N - 1.'),
  installDir: windowsPath('installDir').optional().describe('Default: C:\\Program Files\\svcforge\\<name>.'),
};

/** A profile overlays any field but `name` and `profiles`. */
const overlayShape = Object.fromEntries(
  Object.entries(serviceFields)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => [
      key,
      z
        .unknown()
        .optional()
        .describe((value as z.ZodType).description ?? key),
    ]),
);

export const specSchema = z.strictObject({
  $schema: z.string().optional(),
  ...serviceFields,
  profiles: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.strictObject(overlayShape)).default({}),
});

export type Spec = z.output<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;

/** Top-level field names, for did-you-mean suggestions. */
export const knownFieldNames = (path: readonly (string | number)[]): string[] => {
  let node: z.ZodType = specSchema;
  for (const part of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(part)] ?? z.never();
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
};

function unwrap(node: z.ZodType): z.ZodType {
  let current: z.ZodType = node;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}
