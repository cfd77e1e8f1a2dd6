/**
 * Spec -> Deployment. Pure. Every default that depends on another field is
 * decided here (the rest are in src/spec-file/schema.ts), so the scripts, the host
 * config and the session all agree.
 */
import type { Spec } from '../spec-file/schema.js';
import { formatPortRange, parseDuration, parsePortRange } from '../spec-file/units.js';
import { commandLine } from '../quote/command-line.js';
import type { Account, Deployment, FirewallRule, ReleaseFacts, ServiceInstance, StartupType } from './deployment.js';
import { hostConf } from './host-conf.js';
import { nssmParameters } from './nssm.js';
import { winDirname, winJoin } from './windows-path.js';

export const defaultRoots = {
  programFiles: 'C:\\Program Files\\svcforge',
  programData: 'C:\\ProgramData\\svcforge',
} as const;

/**
 * Where svcforge keeps a service's data: it depends on the service name alone, so
 * `svcforge uninstall NAME` finds the kept spec without the spec file.
 */
export function dataPaths(name: string): { dataDir: string; bundleDir: string; keptSpecFile: string; keptBundleSpecFile: string } {
  const dataDir = winJoin(defaultRoots.programData, name);
  const bundleDir = winJoin(dataDir, 'bundle');
  return { dataDir, bundleDir, keptSpecFile: winJoin(dataDir, 'svcforge.json'), keptBundleSpecFile: winJoin(bundleDir, 'svcforge.json') };
}

const startupTypes: Record<Spec['startup'], StartupType> = {
  auto: 'Automatic',
  delayed: 'AutomaticDelayedStart',
  manual: 'Manual',
  disabled: 'Disabled',
};

export const ms = (duration: string): number => {
  const parsed = parseDuration(duration);
  if (!parsed.ok) throw new TypeError(parsed.message);
  return parsed.value;
};

export function deriveDeployment(spec: Spec): Deployment {
  const installDir = spec.installDir ?? winJoin(defaultRoots.programFiles, spec.name);
  const { dataDir, bundleDir, keptSpecFile } = dataPaths(spec.name);
  const logDir = spec.logs.dir ?? winJoin(dataDir, 'logs');
  const paths = {
    installDir,
    dataDir,
    bundleDir,
    keptSpecFile,
    logDir,
    programDir: winDirname(spec.program),
    secretsFile: winJoin(dataDir, 'secrets.dat'),
    hostExe: winJoin(installDir, 'svcforge-host.exe'),
  };
  const warnings: string[] = [];
  if (spec.account.type === 'localSystem') {
    warnings.push('account: localSystem runs the program with full control of the machine; prefer the default virtual account');
  }
  if (spec.host === 'nssm') {
    warnings.push(
      `host: nssm keeps every rotated log file (NSSM 2.24 has no retention count; logs.rotate.keep applies to host svcforge only); prune ${logDir} yourself`,
      `host: nssm restarts the program without giving up (NSSM has no recovery.giveUpAfter); the SCM recovery actions only run if nssm.exe itself fails`,
    );
  }
  return {
    name: spec.name,
    host: spec.host,
    description: spec.description,
    startupType: startupTypes[spec.startup],
    dependsOn: spec.dependsOn,
    sidType: spec.account.type === 'virtual' ? 'Unrestricted' : 'None',
    paths,
    program: spec.program,
    ...(spec.nssm ? { nssmPath: spec.nssm.path } : {}),
    recovery: {
      resetAfterSeconds: Math.floor(ms(spec.recovery.scm.resetAfter) / 1000),
      actions: spec.recovery.scm.actions.map(scmAction),
      failureFlag: true,
    },
    stopTimeoutSeconds: Math.ceil(ms(spec.stop.timeout) / 1000),
    firewallGroup: `svcforge-${spec.name}`,
    firewall: spec.firewall.map((rule) => firewallRule(spec, rule)),
    instances: instances(spec, paths),
    secrets: spec.secrets,
    ...(spec.release ? { release: releaseFacts(spec, paths) } : {}),
    warnings,
  };
}

/** Where releases live on the host: deploy's facts and every instance's host conf name the same folders. */
function releaseLayout(paths: Deployment['paths']): Pick<ReleaseFacts, 'releasesDir' | 'pointerFile' | 'sharedDir'> {
  return {
    releasesDir: winJoin(paths.installDir, 'releases'),
    pointerFile: winJoin(paths.dataDir, 'release.conf'),
    sharedDir: winJoin(paths.installDir, 'shared'),
  };
}

function releaseFacts(spec: Spec, paths: Deployment['paths']): ReleaseFacts {
  const release = spec.release!;
  return {
    ...releaseLayout(paths),
    stateFile: winJoin(paths.dataDir, 'releases.json'),
    lockFile: winJoin(paths.dataDir, 'deploy.lock'),
    writable: release.writable.map((folder) => folder.replaceAll('/', '\\').replace(/\\+$/, '')),
    program: spec.program.replaceAll('/', '\\'),
    keep: release.keep,
    healthTimeoutSeconds: Math.ceil(ms(release.healthTimeout) / 1000),
    minHealthySeconds: Math.ceil(ms(release.minHealthy) / 1000),
    healthChecked: spec.health !== undefined,
  };
}

function scmAction(action: string): string {
  if (action === 'none') return 'none/0';
  const [verb, delay] = action.split('/') as [string, string];
  return `${verb}/${ms(delay)}`;
}

export function accountFor(spec: Spec, serviceName: string): Account {
  const { type, name } = spec.account;
  switch (type) {
    case 'virtual':
      return { type, name: `NT SERVICE\\${serviceName}`, needsPassword: false };
    case 'localService':
      return { type, name: 'NT AUTHORITY\\LocalService', needsPassword: false };
    case 'networkService':
      return { type, name: 'NT AUTHORITY\\NetworkService', needsPassword: false };
    case 'localSystem':
      return { type, name: 'LocalSystem', needsPassword: false };
    case 'user':
      return { type, name: name!, needsPassword: true };
    case 'gmsa':
      return { type, name: name!, needsPassword: false };
  }
}

function firewallRule(spec: Spec, rule: Spec['firewall'][number]): FirewallRule {
  const port = typeof rule.port === 'number' ? String(rule.port) : rule.port;
  const protocol = rule.protocol === 'tcp' ? 'TCP' : 'UDP';
  return {
    name: rule.name ?? `svcforge-${spec.name}-${rule.protocol}-${port}`,
    displayName: `svcforge ${spec.name} (${protocol} ${port})`,
    port,
    protocol,
    program: spec.program,
    profiles: rule.profiles.map((profile) => profile[0]!.toUpperCase() + profile.slice(1)),
    remoteAddresses: rule.remoteAddresses,
  };
}

function instances(spec: Spec, paths: Deployment['paths']): ServiceInstance[] {
  const layout = releaseLayout(paths);
  const count = spec.instances.count;
  const range =
    spec.instances.portRange === undefined ? undefined : (parsePortRange(spec.instances.portRange) as { ok: true; value: { low: number; high: number } }).value;
  return Array.from({ length: count }, (_, index) => {
    const name = count === 1 ? spec.name : `${spec.name}-${index + 1}`;
    const logDir = count === 1 ? paths.logDir : winJoin(paths.logDir, name);
    const confFile = count === 1 ? 'svcforge-host.conf' : `${name}.conf`;
    const instance: ServiceInstance = {
      name,
      displayName: count === 1 ? (spec.displayName ?? spec.name) : `${spec.displayName ?? spec.name} (${index + 1})`,
      binaryPath: binaryPath(spec, paths, confFile),
      account: accountFor(spec, name),
      logDir,
      statusFile: winJoin(logDir, 'status.json'),
      port: spec.port,
    };
    if (spec.host === 'svcforge') {
      instance.confFile = confFile;
      instance.conf = hostConf(spec, {
        name,
        logDir,
        statusFile: instance.statusFile,
        secretsFile: paths.secretsFile,
        portRange: range ? formatPortRange(range) : undefined,
        releasesDir: layout.releasesDir,
        releasePointer: layout.pointerFile,
        sharedDir: layout.sharedDir,
        index,
        instanceCount: count,
      });
    }
    if (spec.host === 'nssm') instance.nssm = nssmParameters(spec, { name, logDir });
    return instance;
  });
}

function binaryPath(spec: Spec, paths: Deployment['paths'], confFile: string): string {
  switch (spec.host) {
    case 'svcforge':
      return commandLine(paths.hostExe, ['service', winJoin(paths.installDir, confFile)]);
    case 'native':
      return commandLine(spec.program, spec.arguments);
    case 'nssm':
      return commandLine(spec.nssm!.path, []);
  }
}
