/**
 * `svcforge firewall open | close | list`: the firewall steps of the model's own step
 * lists (what install.ps1, uninstall.ps1 and firewall.ps1 run), through the session.
 */
import type { StepRecord } from '../exec/record.js';
import { runSteps, type RunSummary } from '../exec/runner.js';
import { firewallSteps as firewallRuleSteps, uninstallPlan } from '../model/steps.js';
import { planFromFile, type Planned } from '../pipeline.js';
import { psStepCall, psString } from '../quote/powershell.js';
import { query, withSession } from './session.js';

export function firewallSteps(planned: Planned, action: 'open' | 'close') {
  const steps =
    action === 'open'
      ? firewallRuleSteps(planned.deployment)
      : uninstallPlan(planned.deployment).remove.filter((step) => step.command === 'Remove-SvcForgeFirewallRule');
  return steps.map((step) => ({ id: step.id, script: psStepCall(step), timeoutMs: 120_000 }));
}

export interface FirewallChangeRequest {
  file: string;
  profile?: string;
  shell?: string;
  action: 'open' | 'close';
  whatIf?: boolean;
  onRecord?: (record: StepRecord) => void;
}

export async function changeFirewall(request: FirewallChangeRequest): Promise<{ name: string; summary: RunSummary }> {
  const planned = await planFromFile(request.file, { profile: request.profile });
  const steps = firewallSteps(planned, request.action);
  return withSession({ shell: request.shell, elevated: true }, async (session) => {
    if (request.whatIf) await session.invoke('$global:common = @{ WhatIf = $true }', { timeoutMs: 30_000, stepId: 'prepare' });
    return { name: planned.deployment.name, summary: await runSteps(session, steps, { onRecord: request.onRecord }) };
  });
}

export interface FirewallRuleState {
  name: string;
  displayName: string;
  group: string;
  enabled: boolean;
  direction: string;
  action: string;
  protocol: string;
  port: string;
  program: string;
  profiles: string[];
  remoteAddresses: string[];
}

export interface FirewallListResult {
  name: string;
  group: string;
  rules: FirewallRuleState[];
  /** rule names the spec declares that are not in the group */
  missing: string[];
}

export async function listFirewall(request: { file: string; profile?: string; shell?: string }): Promise<FirewallListResult> {
  const planned = await planFromFile(request.file, { profile: request.profile });
  const group = planned.deployment.firewallGroup;
  return withSession({ shell: request.shell }, async (session) => {
    const reply = await query<{ rules: FirewallRuleState[] | null }>(
      session,
      'firewall-list',
      `[pscustomobject]@{ rules = @(Get-SvcForgeFirewallRule -Group ${psString(group)}) }`,
    );
    const rules = (reply.rules ?? []).map((rule) => ({ ...rule, profiles: rule.profiles ?? [], remoteAddresses: rule.remoteAddresses ?? [] }));
    const present = new Set(rules.map((rule) => rule.name));
    return { name: planned.deployment.name, group, rules, missing: planned.deployment.firewall.map((rule) => rule.name).filter((name) => !present.has(name)) };
  });
}
