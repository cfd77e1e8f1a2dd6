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

/**
 * Editor help for one field, kept with the field: `svcforge schema` turns it into the
 * JSON Schema's description, markdownDescription (adding the unit and the default) and
 * examples (src/spec-file/json-schema.ts). Each example must be a valid value of its field
 * (test/unit/spec-file/json-schema.test.ts checks it): editors offer them as completions.
 */
const doc = (description: string, example: unknown, unit?: string): z.GlobalMeta => ({
  description,
  examples: [example],
  ...(unit === undefined ? {} : { unit }),
});

declare module 'zod' {
  interface GlobalMeta {
    /** What a number or string measures, e.g. a duration; shown with the description. */
    unit?: string;
  }
}

const units = {
  duration: 'duration, a whole number and ms, s, m, h or d (500ms, 15s, 1m, 2h, 1d)',
  size: 'size, a whole number and B, KB, MB or GB (binary: 1KB = 1024B)',
  port: 'port number, 1-65535',
  portRange: 'inclusive port range LOW-HIGH, e.g. 8081-8090',
} as const;

const duration = (fallback: string) =>
  z
    .string({ error: 'must be a duration string like 15s' })
    .regex(durationPattern, { error: (issue) => `must be a duration like 500ms, 15s, 1m, 2h or 1d; got ${JSON.stringify(issue.input)}` })
    .default(fallback)
    .meta({ unit: units.duration });

const size = () =>
  z
    .string({ error: 'must be a size string like 10MB' })
    .regex(sizePattern, { error: (issue) => `must be a size like 10MB, 512KB, 1GB or 4096B; got ${JSON.stringify(issue.input)}` })
    .meta({ unit: units.size });

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
  command: z
    .string()
    .min(1)
    .meta(
      doc(
        'Full command line (program and arguments) run before each start (preStart) or after the program exits (postStop); its output goes to svcforge-hooks.log in logs.dir.',
        'C:\\apps\\gin-hello\\migrate.exe --up',
      ),
    ),
  timeout: duration('30s').meta(doc('How long the hook may run before it is ended (a preStart hook that times out is a failed start).', '2m')),
});

const recoveryAction = z.string().regex(/^(?:none|restart\/\d{1,12}(?:ms|s|m|h|d)|reboot\/\d{1,12}(?:ms|s|m|h|d))$/, {
  error: (issue) => `must be restart/<delay>, reboot/<delay> or none, e.g. restart/1m; got ${JSON.stringify(issue.input)}`,
});

const firewallRule = z.strictObject({
  port: z
    .union([port, portRange], { error: 'must be a port number (8080) or a range ("8081-8090")' })
    .meta(doc('Local port the rule opens: a number, or a range like "8081-8090".', 8080, `${units.port}, or an ${units.portRange}`)),
  protocol: z.enum(['tcp', 'udp']).default('tcp').meta(doc('tcp or udp.', 'udp')),
  profiles: z
    .array(z.enum(['domain', 'private', 'public']))
    .min(1)
    .default(['domain', 'private'])
    .meta(doc('Windows Firewall profiles the rule applies in. public is allowed but `svcforge doctor` flags it.', ['domain'])),
  remoteAddresses: z
    .array(z.string().min(1))
    .min(1)
    .default(['LocalSubnet'])
    .meta(
      doc('Addresses allowed to connect: LocalSubnet, an IP, a CIDR range, or a keyword New-NetFirewallRule accepts. Never "Any" by default.', ['10.0.0.0/8']),
    ),
  name: z.string().min(1).optional().meta(doc('Rule name. Default: svcforge-<service>-<protocol>-<port>.', 'gin-hello-http')),
});

const serviceFields = {
  name: z
    .string({ error: 'is required: the SCM service name, e.g. gin-hello' })
    .regex(serviceNamePattern, {
      error: (issue) =>
        `must be 1-80 characters of letters, digits, ".", "_" or "-", starting with a letter or digit (the SCM rejects "/" and "\\"); got ${JSON.stringify(issue.input)}`,
    })
    .meta(
      doc(
        'Required. The SCM service name: 1-80 letters, digits, ".", "_" or "-", starting with a letter or digit. It also names the virtual account NT SERVICE\\<name> and the default folders.',
        'gin-hello',
      ),
    ),
  displayName: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .meta(doc('Name shown in services.msc, up to 256 characters. Default: name (with instances, "<displayName> (N)").', 'Gin Hello API')),
  description: z.string().max(1024).default('').meta(doc('Service description shown in services.msc, up to 1024 characters.', 'Serves the gin-hello API')),
  program: z
    .string({ error: 'must be a Windows path string' })
    .min(1, { error: 'program must not be empty' })
    .meta(
      doc(
        'Required. The program to run: an absolute Windows path (C:\\apps\\app.exe), or, with `release:`, its path inside the release (app.exe or bin\\app.exe), which `svcforge build` packs and `svcforge deploy` unpacks to <installDir>\\releases\\<version>.',
        'C:\\apps\\gin-hello\\gin-hello.exe',
      ),
    ),
  arguments: z
    .array(z.string())
    .default([])
    .meta(doc('Exact argv elements, in order; svcforge quotes them for CreateProcess.', ['--config', 'config\\app.yaml'])),
  workingDirectory: windowsPath('workingDirectory')
    .optional()
    .meta(
      doc("Absolute folder the program starts in. Default: the program's folder (with `release:`, the release folder); never System32.", 'C:\\apps\\gin-hello'),
    ),
  environment: z
    .record(
      z.string().regex(envName, { error: (issue) => `environment variable names must match [A-Za-z_][A-Za-z0-9_]*; got ${JSON.stringify(issue.input)}` }),
      z.string(),
    )
    .default({})
    .meta(
      doc('Variables added to the program environment. Values may use ${NAME:default} to read the caller environment at render time; $${ is a literal ${.', {
        GIN_MODE: 'release',
        APP_ENV: '${APP_ENV:prod}',
      }),
    ),
  secrets: z
    .array(z.string().regex(envName, { error: (issue) => `secret names must match [A-Za-z_][A-Za-z0-9_]*; got ${JSON.stringify(issue.input)}` }))
    .default([])
    .meta(
      doc(
        'Environment variables whose values are never rendered: `svcforge apply` takes each from your environment or asks for it, and stores it DPAPI-encrypted for the supervisor.',
        ['DB_PASSWORD'],
      ),
    ),
  startup: z
    .enum(['auto', 'delayed', 'manual', 'disabled'])
    .default('auto')
    .meta(doc('How the SCM starts the service: auto (at boot), delayed (automatic, delayed start), manual or disabled.', 'delayed')),
  dependsOn: z
    .array(z.string().min(1))
    .default([])
    .meta(doc('Services that must be running before this one starts, e.g. Tcpip.', ['Tcpip'])),
  account: z
    .strictObject({
      type: z
        .enum(['virtual', 'localService', 'networkService', 'localSystem', 'user', 'gmsa'])
        .default('virtual')
        .meta(
          doc(
            'virtual (NT SERVICE\\<name>), localService, networkService, localSystem (full control of the machine), user (its password is asked for when the script runs) or gmsa (a group managed service account).',
            'networkService',
          ),
        ),
      name: z
        .string()
        .min(1)
        .optional()
        .meta(doc('DOMAIN\\user for type user; DOMAIN\\name$ for type gmsa. Only those types take a name.', 'CONTOSO\\svc-web')),
    })
    .prefault({})
    .meta(doc('The account the service runs as. Least privilege by default: the virtual account NT SERVICE\\<name>.', { type: 'virtual' })),
  recovery: z
    .strictObject({
      restart: z
        .enum(['always', 'on-failure', 'never'])
        .default('on-failure')
        .meta(doc('When the supervisor restarts the program after it exits: always, on-failure (a non-zero exit code) or never.', 'always')),
      backoff: z
        .strictObject({
          initial: duration('1s').meta(doc('Delay before the first restart; each further restart doubles it.', '2s')),
          max: duration('1m').meta(doc('Longest delay between restarts; at least initial.', '5m')),
          resetAfter: duration('5m').meta(doc('Uptime after which the delay goes back to initial.', '10m')),
        })
        .prefault({})
        .meta(doc('Delay before each restart: it starts at initial and doubles up to max, with a little random spread.', { initial: '1s', max: '1m' })),
      exitCodes: z
        .record(
          z.string().regex(/^\d{1,10}$/, { error: (issue) => `exit codes must be whole numbers 0-4294967295; got ${JSON.stringify(issue.input)}` }),
          z.enum(['stop', 'restart']),
        )
        .default({})
        .meta(
          doc(
            'stop or restart, per exit code, overriding restart. stop ends the service with that exit code, so a non-zero one runs the SCM recovery actions.',
            { '0': 'stop', '2': 'stop' },
          ),
        ),
      giveUpAfter: z
        .strictObject({
          failures: z
            .number()
            .int()
            .min(1)
            .max(64)
            .default(5)
            .meta(
              doc(
                'Failures (non-zero exits, failed starts, health or memory restarts) within the window that make the supervisor give up, 1-64.',
                3,
                'failures',
              ),
            ),
          within: duration('10m').meta(doc('The window the failures are counted in.', '30m')),
        })
        .prefault({})
        .meta(
          doc('When the supervisor stops restarting: the service then stops with exit code 7002 and the SCM recovery actions take over.', {
            failures: 5,
            within: '10m',
          }),
        ),
      scm: z
        .strictObject({
          resetAfter: duration('1d').meta(doc('Time without failures after which the SCM resets its failure count.', '12h')),
          actions: z
            .array(recoveryAction)
            .max(3)
            .default(['restart/1m', 'restart/1m', 'none'])
            .meta(
              doc('Up to three SCM actions, for the first, second and later failures: restart/<delay>, reboot/<delay> or none.', [
                'restart/1m',
                'restart/5m',
                'none',
              ]),
            ),
        })
        .prefault({})
        .meta(
          doc('Windows service recovery (sc.exe failure): what the SCM does when the service itself stops with a failure.', {
            actions: ['restart/1m', 'none'],
          }),
        ),
    })
    .prefault({})
    .meta(doc('What the supervisor does when the program exits, and what the SCM does when the service fails.', { restart: 'always' })),
  stop: z
    .strictObject({ timeout: duration('15s').meta(doc('How long the program has after Ctrl+C before its whole process tree is ended.', '30s')) })
    .prefault({})
    .meta(doc('How the program is stopped: Ctrl+C, wait timeout, then end the whole process tree.', { timeout: '30s' })),
  logs: z
    .strictObject({
      dir: windowsPath('logs.dir')
        .optional()
        .meta(
          doc(
            'Folder of <name>.out.log and <name>.err.log, one subfolder per instance. Default: C:\\ProgramData\\svcforge\\<name>\\logs.',
            'D:\\logs\\gin-hello',
          ),
        ),
      timestamps: z.boolean().default(false).meta(doc('Prefix each line with its ISO 8601 local time.', true)),
      eventLog: z.boolean().default(true).meta(doc('Also write start, exit and restart events to the Application event log.', false)),
      combined: z.boolean().default(false).meta(doc('stdout and stderr in one file, <name>.out.log.', true)),
      rotate: z
        .strictObject({
          maxSize: size().default('10MB').meta(doc('Rotate a log before it grows past this; at least 4KB.', '50MB')),
          daily: z.boolean().default(false).meta(doc('Also rotate at the first write of each new local day.', true)),
          keep: z
            .number()
            .int()
            .min(0)
            .max(10000)
            .default(10)
            .meta(doc('Rotated files kept per log; older ones are deleted. 0 keeps them all.', 14, 'files')),
        })
        .prefault({})
        .meta(doc('When a log file is rotated, and how many rotated files are kept.', { maxSize: '10MB', daily: true, keep: 14 })),
    })
    .prefault({})
    .meta(doc("Where and how the program's stdout and stderr are kept.", { timestamps: true })),
  firewall: z
    .array(firewallRule)
    .default([])
    .meta(doc('Inbound Windows Firewall rules for the program, in the rule group svcforge-<name>.', [{ port: 8080 }])),
  health: z
    .strictObject({
      http: z
        .string()
        .regex(/^http:\/\/[^\s/]+(?::\d+)?(?:\/\S*)?$/, { error: 'must be an http:// URL, e.g. http://127.0.0.1:8080/health' })
        .optional()
        .meta(doc('URL the supervisor GETs; a 2xx or 3xx answer is healthy.', 'http://127.0.0.1:8080/health')),
      tcp: z
        .string()
        .regex(/^[^\s:]+:\d{1,5}$/, { error: 'must be host:port, e.g. 127.0.0.1:8080' })
        .optional()
        .meta(doc('host:port the supervisor connects to; a connection is healthy.', '127.0.0.1:8080')),
      interval: duration('10s').meta(doc('Time between checks.', '30s')),
      timeout: duration('2s').meta(doc('How long one check may take; shorter than interval.', '5s')),
      failures: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(3)
        .meta(doc('Consecutive failed checks that make the program unhealthy, 1-100.', 5, 'checks')),
      startPeriod: duration('30s').meta(doc('Failed checks are ignored this long after each start.', '1m')),
    })
    .optional()
    .meta(
      doc('A health check the supervisor runs, exactly one of http or tcp. An unhealthy program is restarted gracefully, counted as a failure.', {
        http: 'http://127.0.0.1:8080/health',
      }),
    ),
  limits: z
    .strictObject({
      memory: size()
        .optional()
        .meta(doc('Memory limit of the whole process tree: over it for 10s, the program is restarted gracefully (a failure). At least 16MB.', '512MB')),
      cpuPercent: z
        .number()
        .int()
        .min(1)
        .max(100)
        .optional()
        .meta(doc('Hard cap on the CPU the process tree may use, as a share of the whole machine, 1-100.', 50, 'percent')),
      priority: z
        .enum(['idle', 'belowNormal', 'normal', 'aboveNormal', 'high'])
        .default('normal')
        .meta(doc("The program's process priority class.", 'belowNormal')),
      affinity: z
        .array(z.number().int().min(0).max(63))
        .min(1)
        .optional()
        .meta(doc("Processor numbers (0-63) the program may run on, clipped to the machine's. Default: all.", [0, 1])),
    })
    .prefault({})
    .meta(doc("Limits on the program's process tree, set through a Windows job object.", { memory: '512MB', priority: 'belowNormal' })),
  hooks: z
    .strictObject({
      preStart: hook
        .optional()
        .meta(doc('Runs before each start; if it fails or times out, the start fails.', { command: 'C:\\apps\\gin-hello\\migrate.exe' })),
      postStop: hook.optional().meta(doc('Runs after the program exits.', { command: 'C:\\apps\\gin-hello\\cleanup.exe', timeout: '1m' })),
    })
    .prefault({})
    .meta(doc('Commands the supervisor runs around the program, each with its own timeout.', { preStart: { command: 'C:\\apps\\gin-hello\\migrate.exe' } })),
  port: port.optional().meta(doc('Port the program listens on; checked free before every start.', 8080, units.port)),
  instances: z
    .strictObject({
      count: z
        .number()
        .int()
        .min(1)
        .max(64)
        .default(1)
        .meta(doc('How many instances, 1-64; more than 1 needs portRange.', 3, 'services')),
      portRange: portRange
        .optional()
        .meta(doc('Ports to choose from: at each start an instance takes the first free one and gets it in portEnv.', '8081-8090', units.portRange)),
      portEnv: z.string().regex(envName).default('PORT').meta(doc('Environment variable that gives each instance its port from portRange.', 'HTTP_PORT')),
    })
    .prefault({})
    .meta(
      doc('Run several copies, each its own service named <name>-1, <name>-2, ..., with its own port and log folder.', { count: 2, portRange: '8081-8082' }),
    ),
  host: z
    .enum(['svcforge', 'nssm', 'native'])
    .default('svcforge')
    .meta(
      doc(
        'What the SCM starts: our supervisor (svcforge), NSSM 2.24 (nssm), or the program itself (native, for programs written as Windows services).',
        'native',
      ),
    ),
  nssm: z
    .strictObject({ path: windowsPath('nssm.path').meta(doc('Absolute path of nssm.exe (NSSM 2.24) on the target machine.', 'C:\\tools\\nssm\\nssm.exe')) })
    .optional()
    .meta(doc('Where nssm.exe is, for host: nssm (required there).', { path: 'C:\\tools\\nssm\\nssm.exe' })),
  release: z
    .strictObject({
      assets: z
        .array(z.string().min(1))
        .default([])
        .meta(
          doc('Globs, relative to the spec file, of files `svcforge build` packs beside the program, layout kept, e.g. templates/** or config/*.yaml.', [
            'templates/**',
            'config/*.yaml',
          ]),
        ),
      keep: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(5)
        .meta(doc('Releases kept on the host, 1-100; the current and the last good release are never pruned.', 10, 'releases')),
      writable: z
        .array(
          z.string().regex(/^(?![\\/])(?!.*(?:^|[\\/])\.\.?(?:[\\/]|$))[^:*?"<>|]+$/, {
            error: (issue) => `must be a folder inside shared\\, without a drive, '..' or any of : * ? " < > |; got ${JSON.stringify(issue.input)}`,
          }),
        )
        .default([])
        .meta(
          doc(
            'Folders inside <installDir>\\shared (which outlives every release; the program finds it in SVCFORGE_SHARED) that the service account may write, e.g. data or uploads; the rest of shared is read-only to it.',
            ['data', 'uploads'],
          ),
        ),
      healthTimeout: duration('60s').meta(doc('How long a new release has to pass its first health check before the deploy rolls back.', '2m')),
      minHealthy: duration('10s').meta(doc('How long a new release must then stay healthy (and not restart) to pass its gate.', '30s')),
    })
    .optional()
    .meta(
      doc(
        'Deploy the program as versioned releases: `svcforge build` makes a release zip, `svcforge deploy` installs it behind a health gate and rolls back by itself.',
        { assets: ['config/*.yaml'], keep: 5 },
      ),
    ),
  metrics: z
    .strictObject({
      textfile: windowsPath('metrics.textfile')
        .regex(/\.prom$/i, {
          error: (issue) => `must end in .prom (windows_exporter's textfile collector reads only *.prom); got ${JSON.stringify(issue.input)}`,
        })
        .optional()
        .meta(doc("Prometheus text file for windows_exporter's textfile collector.", 'C:\\Program Files\\windows_exporter\\textfile_inputs\\gin-hello.prom')),
      listen: z
        .union([
          port,
          z.string().regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d):\d{1,5}$/, {
            error: (issue) => `must be a port (bound on 127.0.0.1) or an IPv4 address and port like 127.0.0.1:9464; got ${JSON.stringify(issue.input)}`,
          }),
        ])
        .optional()
        .meta(doc('Serve GET /metrics here: a port on loopback (9464 means 127.0.0.1:9464) or IPv4:port.', 9464, `${units.port}, or IPv4:port`)),
    })
    .optional()
    .meta(
      doc('Prometheus metrics from svcforge-host: a textfile, an HTTP endpoint, or both. Instances get -N before .prom and port + N - 1.', {
        listen: 9464,
      }),
    ),
  installDir: windowsPath('installDir')
    .optional()
    .meta(
      doc(
        'Folder of svcforge-host.exe and its config, and with `release:` of releases\\ and shared\\. Default: C:\\Program Files\\svcforge\\<name>.',
        'D:\\services\\gin-hello',
      ),
    ),
};

/** A profile overlays any field but `name` and `profiles`; each keeps the field's editor help. */
const overlayShape = Object.fromEntries(
  Object.entries(serviceFields)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => [
      key,
      z
        .unknown()
        .optional()
        .meta({ ...z.globalRegistry.get(value as z.ZodType) }),
    ]),
);

export const specSchema = z.strictObject({
  $schema: z.string().optional().meta(doc('Where editors find the JSON Schema of this file; svcforge itself ignores it.', './svcforge.schema.json')),
  ...serviceFields,
  profiles: z
    .record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.strictObject(overlayShape))
    .default({})
    .meta(
      doc('Named overlays, picked with --profile NAME: any field but name and profiles. Mappings merge field by field; lists and scalars replace.', {
        staging: { environment: { APP_ENV: 'staging' } },
      }),
    ),
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
