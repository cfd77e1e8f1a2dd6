/**
 * Deployment -> the object templates see. Everything a template would otherwise
 * compute (step ids, joined paths, summaries) is decided here, and every optional
 * field is present (null when absent) because templates render in strict mode.
 */
import type { Deployment, ServiceInstance } from '../model/deployment.js';
import { winJoin } from '../model/windows-path.js';

export interface Generator {
  version: string;
  specFile: string;
  profile: string | null;
  command: string;
}

export interface BundleFileInfo {
  name: string;
  purpose: string;
}

export const bundleFiles: readonly BundleFileInfo[] = [
  { name: 'install.ps1', purpose: 'installs or updates the service; idempotent; -WhatIf' },
  { name: 'uninstall.ps1', purpose: 'removes service, firewall rules and files; keeps logs unless -Purge' },
  { name: 'status.ps1', purpose: 'service state and supervisor status as JSON' },
  { name: 'firewall.ps1', purpose: 'opens, closes or lists the inbound firewall rules' },
  { name: 'README.md', purpose: 'this file' },
  { name: 'manifest.json', purpose: 'every file with its SHA-256' },
];

export function buildView(deployment: Deployment, generator: Generator, hostFiles: readonly BundleFileInfo[]) {
  const files = [...bundleFiles, ...hostFiles];
  const keptFiles = files.map((file) => file.name).filter((name) => name !== 'README.md');
  return {
    ...deployment,
    generator,
    files,
    instances: deployment.instances.map((instance) => instanceView(deployment, instance)),
    accounts: [...new Set(deployment.instances.map((instance) => instance.account.name))],
    accountSummary: [...new Set(deployment.instances.map((instance) => instance.account.name))].join(', '),
    multipleInstances: deployment.instances.length > 1,
    firewall: deployment.firewall.map((rule) => ({ ...rule, id: `firewall:${rule.name}` })),
    recoverySummary: `${deployment.recovery.actions.join(', ')}; reset after ${deployment.recovery.resetAfterSeconds}s`,
    startTimeoutSeconds: Math.max(30, deployment.stopTimeoutSeconds + 15),
    bundleCopies: keptFiles.map((file) => ({ id: `bundle:${file}`, file, destination: winJoin(deployment.paths.bundleDir, file) })),
  };
}

function instanceView(deployment: Deployment, instance: ServiceInstance) {
  const suffix = (step: string) => `${step}:${instance.name}`;
  return {
    ...instance,
    port: instance.port ?? null,
    confFile: instance.confFile ?? null,
    conf: instance.conf ?? null,
    confPath: instance.confFile ? winJoin(deployment.paths.installDir, instance.confFile) : null,
    accountNames: [instance.account.name],
    ids: {
      service: suffix('service'),
      sidType: suffix('sid-type'),
      recovery: suffix('recovery'),
      logDir: suffix('log-dir'),
      hostConf: suffix('host-conf'),
      port: suffix('port'),
      start: suffix('start'),
      remove: suffix('remove'),
      purgeLogs: suffix('purge-logs'),
      status: suffix('status'),
    },
  };
}
