/** What a spec means on a Windows host: the values templates and the session use. */
import type { NssmParameter } from './nssm.js';

export type StartupType = 'Automatic' | 'AutomaticDelayedStart' | 'Manual' | 'Disabled';

export interface Account {
  /** the name the SCM stores, e.g. `NT SERVICE\gin-hello` */
  name: string;
  type: 'virtual' | 'localService' | 'networkService' | 'localSystem' | 'user' | 'gmsa';
  /** a password is asked for when the script runs; it is never in a file */
  needsPassword: boolean;
}

export interface FirewallRule {
  name: string;
  displayName: string;
  port: string;
  protocol: 'TCP' | 'UDP';
  program: string;
  profiles: string[];
  remoteAddresses: string[];
}

export interface ServiceInstance {
  name: string;
  displayName: string;
  /** the full command line the SCM runs, already quoted */
  binaryPath: string;
  account: Account;
  logDir: string;
  statusFile: string;
  /** host svcforge: the config file name in the bundle and in installDir */
  confFile?: string;
  /** host svcforge: ordered key/value lines of svcforge-host.conf */
  conf?: [string, string][];
  /** host nssm: the NSSM parameters, in the order install sets them */
  nssm?: NssmParameter[];
  /** a port that must be free before start, when known at install time */
  port?: number;
}

/** Spec `release:`: the program comes in versioned releases that `svcforge deploy` unpacks. */
export interface ReleaseFacts {
  /** <installDir>\releases: one folder per version */
  releasesDir: string;
  /** the file naming the current release, read by svcforge-host.exe at every program start */
  pointerFile: string;
  /** per version: deployed when, gate passed or failed, which is current */
  stateFile: string;
  /** held while a deploy or rollback runs; the OS releases it when PowerShell dies */
  lockFile: string;
  /** <installDir>\shared: outlives releases; read-only to the account except `writable` */
  sharedDir: string;
  /** folders inside sharedDir the account may write (spec release.writable), Windows separators */
  writable: string[];
  /** the program's path inside a release, Windows separators */
  program: string;
  keep: number;
  healthTimeoutSeconds: number;
  minHealthySeconds: number;
  /** the gate waits for the supervisor's health check (spec `health`), else for "running, not restarted" */
  healthChecked: boolean;
}

export interface Deployment {
  name: string;
  host: 'svcforge' | 'nssm' | 'native';
  description: string;
  startupType: StartupType;
  dependsOn: string[];
  sidType: 'Unrestricted' | 'None';
  paths: {
    installDir: string;
    dataDir: string;
    bundleDir: string;
    /** the resolved spec kept after a plain uninstall, until --purge */
    keptSpecFile: string;
    logDir: string;
    programDir: string;
    secretsFile: string;
    hostExe: string;
  };
  program: string;
  /** host nssm: where nssm.exe is (the service's binary) */
  nssmPath?: string;
  recovery: { resetAfterSeconds: number; actions: string[]; failureFlag: boolean };
  stopTimeoutSeconds: number;
  firewallGroup: string;
  firewall: FirewallRule[];
  instances: ServiceInstance[];
  secrets: string[];
  release?: ReleaseFacts;
  warnings: string[];
}
