/**
 * Deployment -> the object templates see. Everything a template would otherwise
 * compute (step ids, joined paths, summaries) is decided here, and every optional
 * field is present (null when absent) because templates render in strict mode.
 */
import type { Deployment, ServiceInstance } from '../model/deployment.js';
import { deployPlan, invalidInputErrorIds } from '../model/release-steps.js';
import { firewallSteps, installPlan, restartPendingFile, uninstallPlan } from '../model/steps.js';

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
  { name: 'SvcForge/SvcForge.psd1', purpose: 'manifest of the PowerShell module the scripts import' },
  { name: 'SvcForge/SvcForge.psm1', purpose: 'the module: every function of ps-scripts/SvcForge in one file' },
  { name: 'README.md', purpose: 'this file' },
  { name: 'svcforge.json', purpose: 'the spec as resolved (profile and ${NAME} values applied); `svcforge uninstall NAME` reads the kept copy' },
  { name: 'manifest.json', purpose: 'every file with its SHA-256' },
];

const deployScript: BundleFileInfo = { name: 'deploy.ps1', purpose: 'deploys a release zip behind the health gate; rolls back by itself' };

/** Every file of a deployment's bundle, in the order README.md lists them. */
export function bundleFileList(deployment: Deployment): BundleFileInfo[] {
  const files = deployment.release ? [bundleFiles[0]!, deployScript, ...bundleFiles.slice(1)] : [...bundleFiles];
  if (deployment.host !== 'svcforge') return files;
  return [
    ...files,
    { name: 'svcforge-host.exe', purpose: 'the supervisor the service runs' },
    ...deployment.instances.map((instance) => ({ name: instance.confFile!, purpose: `supervisor config of ${instance.name}` })),
  ];
}

/** The files install copies into the kept bundle folder: all but the bundle's README. */
export function keptFileNames(deployment: Deployment): string[] {
  return bundleFileList(deployment)
    .map((file) => file.name)
    .filter((name) => name !== 'README.md');
}

export function buildView(deployment: Deployment, generator: Generator) {
  const files = bundleFileList(deployment);
  const plan = installPlan(deployment, keptFileNames(deployment));
  const uninstall = uninstallPlan(deployment);
  return {
    ...deployment,
    generator,
    files,
    instances: deployment.instances.map((instance) => instanceView(deployment, instance)),
    accounts: [...new Set(deployment.instances.map((instance) => instance.account.name))],
    accountSummary: [...new Set(deployment.instances.map((instance) => instance.account.name))].join(', '),
    multipleInstances: deployment.instances.length > 1,
    plan,
    uninstall,
    credentialUser: deployment.instances.find((instance) => instance.account.needsPassword)?.account.name ?? null,
    firewallOpen: firewallSteps(deployment),
    firewallClose: uninstall.remove.filter((step) => step.command === 'Remove-SvcForgeFirewallRule'),
    releasePlan: releasePlanView(deployment),
    recoverySummary: `${deployment.recovery.actions.join(', ')}; reset after ${deployment.recovery.resetAfterSeconds}s`,
  };
}

function instanceView(deployment: Deployment, instance: ServiceInstance) {
  return {
    ...instance,
    restartPendingFile: restartPendingFile(deployment, instance.name),
    port: instance.port ?? null,
    confFile: instance.confFile ?? null,
    conf: instance.conf ?? null,
    statusStep: `status:${instance.name}`,
  };
}

function releasePlanView(deployment: Deployment) {
  const release = deployment.release;
  if (!release) return null;
  return {
    ...release,
    ...deployPlan(deployment, keptFileNames(deployment)),
    gateSummary: release.healthChecked
      ? `the health check passes within ${release.healthTimeoutSeconds}s, then keeps passing for ${release.minHealthySeconds}s with no restart`
      : `running within ${release.healthTimeoutSeconds}s, then ${release.minHealthySeconds}s with no restart (the spec has no health check)`,
    invalidInputPattern: `^(${invalidInputErrorIds.map((id) => id.replace('.', '\\.')).join('|')})\\b`,
  };
}
