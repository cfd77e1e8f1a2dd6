/**
 * The install and uninstall steps, as data: which SvcForge module function runs
 * with which parameters. install.ps1 renders them, and `svcforge apply` runs the
 * very same list through its PowerShell session, so the two cannot drift.
 */
import type { Deployment } from './deployment.js';
import { dataRootStep, directoryStep, folderCheckStep, folderLedgerFile } from './folder-steps.js';
import { winDirname, winJoin } from './windows-path.js';

/** A file of the bundle, located at run time ($bundleRoot = the bundle folder). */
export interface BundleFileRef {
  bundleFile: string;
}

/** The service credential, asked for at run time and never written anywhere. */
export interface CredentialRef {
  credential: true;
}

/**
 * The secrets' DPAPI blobs (name -> base64), made at run time from values the caller
 * gives then; never a value, and never rendered: the script or the session sets it.
 */
export interface SecretEntriesRef {
  secretEntries: true;
}

/**
 * Whether the run may take over a service of the spec's name that svcforge did not create
 * (apply/uninstall --adopt, install.ps1/uninstall.ps1 -Adopt): the $Adopt switch.
 */
export interface AdoptRef {
  adopt: true;
}

/** The release zip a deploy installs: deploy.ps1's -Release, or the session's $releaseZip. */
export interface ReleaseZipRef {
  releaseZip: true;
}

/** The version a deploy or rollback switches to ($releaseVersion, set by the script or the session). */
export interface ReleaseVersionRef {
  releaseVersion: true;
}

/**
 * A release's program, resolved when the step runs (firewall rules): of $releaseVersion in
 * deploy and rollback (atVersion), else of the release the pointer names.
 */
export interface ReleaseProgramRef {
  releaseProgram: { pointerFile: string; releasesDir: string; program: string; atVersion: boolean };
}

export type ParameterValue =
  string | number | boolean | string[] | BundleFileRef | CredentialRef | AdoptRef | SecretEntriesRef | ReleaseZipRef | ReleaseVersionRef | ReleaseProgramRef;

export interface Step {
  id: string;
  command: string;
  parameters: [string, ParameterValue][];
  /** passes the caller's -WhatIf; false for read-only checks */
  whatIf: boolean;
}

export interface InstallPlan {
  /** needs the service account's password (account type user) */
  needsCredential: boolean;
  install: Step[];
  /** skipped by install.ps1 -NoStart */
  start: Step[];
}

export const step = (id: string, command: string, parameters: [string, ParameterValue][], whatIf = true): Step => ({
  id,
  command,
  parameters: [...parameters, ['Step', id]],
  whatIf,
});

export function installPlan(deployment: Deployment, bundleFiles: readonly string[]): InstallPlan {
  const { paths } = deployment;
  const accounts = [...new Set(deployment.instances.map((instance) => instance.account.name))];
  // With releases the program lives in <installDir>\releases\<version>, made by deploy.
  // The data folder first: it holds the ledger of the folders svcforge created.
  const directories: [string, string][] = [
    ['data-dir', paths.dataDir],
    ...(deployment.release ? [] : [['program-dir', paths.programDir] as [string, string]]),
    ...(deployment.host === 'nssm' && deployment.nssmPath && winDirname(deployment.nssmPath).toLowerCase() !== paths.programDir.toLowerCase()
      ? [['nssm-dir', winDirname(deployment.nssmPath)] as [string, string]]
      : []),
    ['install-dir', paths.installDir],
    ...(deployment.release ? [['shared-dir', deployment.release.sharedDir] as [string, string]] : []),
  ];
  const writableShared: [string, string][] = (deployment.release?.writable ?? []).map((folder) => [
    `shared-dir:${folder.replaceAll('\\', '/')}`,
    winJoin(deployment.release!.sharedDir, ...folder.split('\\')),
  ]);
  const bundleSubfolders = [...new Set(bundleFiles.filter((file) => file.includes('/')).map((file) => file.slice(0, file.lastIndexOf('/'))))];
  const install: Step[] = [
    // Before anything changes: every folder below is checked, so a refusal changes nothing.
    folderCheckStep(deployment, [
      ...[...directories, ...writableShared].map(([, path]) => path),
      paths.bundleDir,
      ...deployment.instances.map((instance) => instance.logDir),
    ]),
    dataRootStep(),
    // Instances a lowered count no longer names stop and go (freeing their ports for the
    // instances that stay).
    step('instances-prune', 'Remove-SvcForgeStaleInstance', [
      ['Name', deployment.name],
      ['Count', deployment.instances.length],
      ['Program', serviceProgram(deployment)],
      ['TimeoutSeconds', startTimeoutSeconds(deployment)],
    ]),
  ];
  // A user account or a gMSA must hold "Log on as a service", or the SCM cannot start the
  // service (error 1069); setting the account does not grant it. Virtual and built-in accounts need none.
  const logonAccounts = [
    ...new Set(deployment.instances.filter((instance) => ['user', 'gmsa'].includes(instance.account.type)).map((instance) => instance.account.name)),
  ];
  for (const account of logonAccounts) install.push(step(`logon-right:${account}`, 'Grant-SvcForgeServiceLogonRight', [['Account', account]]));
  for (const instance of deployment.instances) {
    install.push(
      step(`service:${instance.name}`, 'Set-SvcForgeService', [
        ['Name', instance.name],
        ['DisplayName', instance.displayName],
        ['Description', deployment.description],
        ['BinaryPath', instance.binaryPath],
        ['StartupType', deployment.startupType],
        ['DependsOn', deployment.dependsOn],
        ['Account', instance.account.name],
        ...(instance.account.needsPassword ? [['Credential', { credential: true }] as [string, CredentialRef]] : []),
        // A service of this name that svcforge did not create is refused unless the run adopts it.
        ['Adopt', { adopt: true }],
      ]),
      // host nssm: the service runs nssm.exe, which reads the program and its settings
      // from the service's Parameters key; one step per NSSM parameter.
      ...(instance.nssm ?? []).map(([parameter, value]) =>
        step(`nssm:${instance.name}:${parameter}`, 'Set-SvcForgeNssmParameter', [
          ['NssmPath', deployment.nssmPath!],
          ['Name', instance.name],
          ['Parameter', parameter],
          ['Value', value],
        ]),
      ),
      step(`sid-type:${instance.name}`, 'Set-SvcForgeServiceSidType', [
        ['Name', instance.name],
        ['SidType', deployment.sidType],
      ]),
      step(`recovery:${instance.name}`, 'Set-SvcForgeServiceRecovery', [
        ['Name', instance.name],
        ['ResetAfterSeconds', deployment.recovery.resetAfterSeconds],
        ['Action', deployment.recovery.actions],
        ['FailureFlag', deployment.recovery.failureFlag],
      ]),
    );
  }
  for (const [id, path] of directories) install.push(directoryStep(deployment, id, path, { readAccount: accounts }));
  // With releases: <installDir>\shared outlives them; only the folders the spec names are writable.
  for (const [id, path] of writableShared) install.push(directoryStep(deployment, id, path, { modifyAccount: accounts }));
  // The secrets file holds exactly the spec's secrets; with none left, it goes.
  install.push(
    deployment.secrets.length > 0
      ? step('secrets', 'Set-SvcForgeSecretFile', [
          ['Path', paths.secretsFile],
          ['Entry', { secretEntries: true }],
          ['ReadAccount', accounts],
        ])
      : step('secrets', 'Remove-SvcForgeFile', [['Path', paths.secretsFile]]),
  );
  install.push(directoryStep(deployment, 'bundle-dir', paths.bundleDir));
  for (const instance of deployment.instances) {
    install.push(directoryStep(deployment, `log-dir:${instance.name}`, instance.logDir, { modifyAccount: [instance.account.name] }));
  }
  if (deployment.host === 'svcforge') {
    // A running service reads both only when it starts: a change is a restart reason.
    install.push(copy('host-exe', 'svcforge-host.exe', paths.hostExe, [['RestartReason', 'host-exe']]));
    for (const instance of deployment.instances) {
      install.push(
        copy(`host-conf:${instance.name}`, instance.confFile!, winJoin(paths.installDir, instance.confFile!), [
          ['RestartReason', 'host-conf'],
          ['RestartService', [instance.name]],
        ]),
      );
    }
  }
  // The kept scripts import the module from the kept folder, as they do from the bundle.
  for (const folder of bundleSubfolders) install.push(directoryStep(deployment, `bundle-dir:${folder}`, winJoin(paths.bundleDir, ...folder.split('/'))));
  for (const file of bundleFiles) install.push(copy(`bundle:${file}`, file, winJoin(paths.bundleDir, ...file.split('/'))));
  // With releases the rules name the current release's program: deploy and rollback set them after the switch.
  if (!deployment.release) install.push(...firewallSteps(deployment));
  // Rules of the service's group that the spec no longer lists (a moved port, a dropped rule).
  install.push(
    step('firewall-prune', 'Remove-SvcForgeFirewallRule', [
      ['Group', deployment.firewallGroup],
      ['Keep', deployment.firewall.map((rule) => rule.name)],
    ]),
  );
  const start: Step[] = [];
  for (const instance of deployment.instances) {
    if (instance.port !== undefined) {
      start.push(
        step(
          `port:${instance.name}`,
          'Assert-SvcForgePortFree',
          [
            ['Port', instance.port],
            ['ServiceName', instance.name],
          ],
          false,
        ),
      );
    }
    if (deployment.startupType !== 'Disabled') {
      start.push(
        // Restarts a running service when this run changed what it reads at start
        // (install.ps1 -NoRestart / apply --no-restart: records a pending restart instead).
        step(`start:${instance.name}`, 'Start-SvcForgeService', [
          ['Name', instance.name],
          ['TimeoutSeconds', startTimeoutSeconds(deployment)],
          ['RestartIfChanged', true],
          ['RestartPendingFile', restartPendingFile(deployment, instance.name)],
          ...(deployment.release ? [['ReleasePointer', deployment.release.pointerFile] as [string, string]] : []),
        ]),
      );
    }
  }
  return { needsCredential: deployment.instances.some((instance) => instance.account.needsPassword), install, start };
}

export interface UninstallPlan {
  remove: Step[];
  /** only with -Purge / --purge */
  purge: Step[];
}

export function uninstallPlan(deployment: Deployment): UninstallPlan {
  const { paths } = deployment;
  const ledger: [string, string] = ['LedgerFile', folderLedgerFile(deployment)];
  return {
    remove: [
      // First: a service of this name that svcforge did not create stops the uninstall before anything goes.
      ...deployment.instances.map((instance) =>
        step(`remove:${instance.name}`, 'Remove-SvcForgeService', [
          ['Name', instance.name],
          ['Adopt', { adopt: true }],
        ]),
      ),
      step('firewall', 'Remove-SvcForgeFirewallRule', [['Group', deployment.firewallGroup]]),
      // Folders svcforge did not create get their original permissions back, and stay.
      step('restore-acls', 'Restore-SvcForgeDirectoryAcl', [ledger]),
      step('install-dir', 'Remove-SvcForgeDirectory', [['Path', paths.installDir], ledger]),
      // The resolved spec outlives the bundle until --purge: `uninstall NAME --purge` reads it.
      copy('keep-spec', 'svcforge.json', paths.keptSpecFile, [['OnlyIfFolderExists', true]]),
      step('bundle-dir', 'Remove-SvcForgeDirectory', [['Path', paths.bundleDir]]),
      step('secrets', 'Remove-SvcForgeFile', [['Path', paths.secretsFile]]),
    ],
    purge: [
      ...deployment.instances.map((instance) => step(`purge-logs:${instance.name}`, 'Remove-SvcForgeDirectory', [['Path', instance.logDir], ledger])),
      step('data-dir', 'Remove-SvcForgeDirectory', [['Path', paths.dataDir]]),
    ],
  };
}

/**
 * One step per firewall rule. The program is the spec's; with releases, the program of
 * the release being activated (atVersion: $releaseVersion) or else the current one.
 */
export function firewallSteps(deployment: Deployment, atVersion = false): Step[] {
  const release = deployment.release;
  const program: ParameterValue | undefined = release
    ? { releaseProgram: { pointerFile: release.pointerFile, releasesDir: release.releasesDir, program: release.program, atVersion } }
    : undefined;
  return deployment.firewall.map((rule) =>
    step(`firewall:${rule.name}`, 'Set-SvcForgeFirewallRule', [
      ['Name', rule.name],
      ['DisplayName', rule.displayName],
      ['Group', deployment.firewallGroup],
      ['Port', rule.port],
      ['Protocol', rule.protocol],
      ['Program', program ?? rule.program],
      ['Profile', rule.profiles],
      ['RemoteAddress', rule.remoteAddresses],
    ]),
  );
}

/** The marker of a deferred restart of one instance: `<dataDir>\<service>.restart-pending.json`. */
export function restartPendingFile(deployment: { paths: Pick<Deployment['paths'], 'dataDir'> }, serviceName: string): string {
  return winJoin(deployment.paths.dataDir, `${serviceName}.restart-pending.json`);
}

/** The executable every instance's binary path runs: svcforge-host.exe, nssm.exe or the program itself. */
export function serviceProgram(deployment: Deployment): string {
  switch (deployment.host) {
    case 'svcforge':
      return deployment.paths.hostExe;
    case 'nssm':
      return deployment.nssmPath!;
    case 'native':
      return deployment.program;
  }
}

/** Start waits for the program's own start plus a stop of a previous run. */
export function startTimeoutSeconds(deployment: Deployment): number {
  return Math.max(30, deployment.stopTimeoutSeconds + 15);
}

function copy(id: string, bundleFile: string, destination: string, options: [string, ParameterValue][] = []): Step {
  return step(id, 'Copy-SvcForgeFile', [['Source', { bundleFile }], ['Destination', destination], ...options]);
}
