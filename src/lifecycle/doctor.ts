/**
 * `svcforge doctor`: is this machine ready to run svcforge, and is an installed service
 * set up safely? Every check is a step record: unchanged = fine, failed = a problem
 * (the detail says what to do), skipped = not applicable here (the detail says why).
 */
import { existsSync } from 'node:fs';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { StepRecord } from '../exec/record.js';
import type { PowerShellSession } from '../exec/session.js';
import { planFromFile, type Planned } from '../pipeline.js';
import { psString } from '../quote/powershell.js';
import { winDirname } from '../model/windows-path.js';
import { assertElevatedRecord, query, withSession } from './session.js';
import { splitCommandLine } from './target.js';
import { executionPolicyRecord } from './execution-policy.js';
import type { FirewallRuleState } from './firewall.js';

export interface DoctorResult {
  /** the deployment checked, or null when there was no spec */
  name: string | null;
  checks: StepRecord[];
  problems: number;
}

export interface DoctorRequest {
  file: string;
  /** the file was given on the command line (not the default); a missing default spec only skips the spec checks */
  explicit: boolean;
  profile?: string;
  shell?: string;
  onRecord?: (record: StepRecord) => void;
}

const ok = (step: string, detail: string): StepRecord => ({ step, status: 'unchanged', detail, changes: [] });
const problem = (step: string, detail: string): StepRecord => ({ step, status: 'failed', detail, changes: [] });
const skipped = (step: string, detail: string): StepRecord => ({ step, status: 'skipped', detail, changes: [] });

interface Environment {
  windows: boolean;
  version: string;
  edition: string;
  executionPolicy: string | null;
  firewallService: string | null;
}

export async function runDoctor(request: DoctorRequest): Promise<DoctorResult> {
  const planned = request.explicit || existsSync(request.file) ? await planFromFile(request.file, { profile: request.profile }) : undefined;
  const checks: StepRecord[] = [];
  const emit = (record: StepRecord): void => {
    checks.push(record);
    request.onRecord?.(record);
  };
  let opened = false;
  try {
    await withSession({ shell: request.shell }, async (session) => {
      opened = true;
      await environmentChecks(session, emit);
      if (!planned) {
        emit(skipped('spec', `no ${request.file} here: ports and the installed service were not checked; give the spec file`));
        return;
      }
      await portChecks(session, planned, emit);
      await auditChecks(session, planned, emit);
    });
  } catch (error) {
    if (opened || !(error instanceof SvcforgeError) || !['SHELL_NOT_FOUND', 'SESSION_START_FAILED'].includes(error.code)) throw error;
    emit(problem('powershell', `${error.message}; ${error.suggestions.join('; ')}`));
    process.exitCode = ExitCode.environment;
  }
  const problems = checks.filter((check) => check.status === 'failed').length;
  if (problems > 0 && !process.exitCode) process.exitCode = ExitCode.failed;
  return { name: planned?.deployment.name ?? null, checks, problems };
}

async function environmentChecks(session: PowerShellSession, emit: (record: StepRecord) => void): Promise<void> {
  const env = await query<Environment>(
    session,
    'environment',
    [
      "$windows = [System.Environment]::OSVersion.Platform -eq 'Win32NT'",
      '$policy = $null',
      '$firewall = $null',
      'if ($windows) {',
      '    $policy = [string](Get-ExecutionPolicy)',
      '    $service = Get-Service -Name mpssvc -ErrorAction SilentlyContinue',
      "    if ($null -ne $service) { $firewall = [string]$service.Status } else { $firewall = 'missing' }",
      '}',
      '[pscustomobject]@{ windows = $windows; version = [string]$PSVersionTable.PSVersion; edition = [string]$PSVersionTable.PSEdition; executionPolicy = $policy; firewallService = $firewall }',
    ].join('\n'),
  );
  const info = session.info;
  const [major = 0, minor = 0] = env.version.split('.').map(Number);
  emit(
    major > 5 || (major === 5 && minor >= 1)
      ? ok('powershell', `PowerShell ${env.version} (${env.edition}) at ${info.shell.path}, started in ${info.startMs} ms`)
      : problem('powershell', `PowerShell ${env.version} at ${info.shell.path} is older than 5.1; install Windows Management Framework 5.1 or PowerShell 7`),
  );
  emit(await assertElevatedRecord(session));
  if (!env.windows) emit(skipped('execution-policy', 'execution policies exist only on Windows; not checked here'));
  else emit(executionPolicyRecord(env.executionPolicy));
  if (!env.windows) emit(skipped('firewall-service', 'Windows Defender Firewall exists only on Windows; not checked here'));
  else if (env.firewallService === 'Running') emit(ok('firewall-service', 'Windows Defender Firewall (mpssvc) is running'));
  else
    emit(
      problem(
        'firewall-service',
        `Windows Defender Firewall (mpssvc) is ${env.firewallService}: rules are not enforced; start it with Start-Service -Name mpssvc`,
      ),
    );
}

async function portChecks(session: PowerShellSession, planned: Planned, emit: (record: StepRecord) => void): Promise<void> {
  const ports = [...new Map(planned.deployment.instances.filter((i) => i.port !== undefined).map((i) => [i.port!, i.name])).entries()];
  if (ports.length === 0) emit(skipped('port', 'the spec names no fixed port'));
  for (const [port, name] of ports) {
    const id = `port:${port}`;
    const result = await session.call(`Assert-SvcForgePortFree -Port ${port} -ServiceName ${psString(name)} -Step ${psString(id)}`, {
      stepId: id,
      timeoutMs: 60_000,
    });
    for (const record of result.records) emit(record);
  }
}

interface ServiceFacts {
  exists: boolean;
  account: string | null;
  binaryPath: string | null;
}

async function auditChecks(session: PowerShellSession, planned: Planned, emit: (record: StepRecord) => void): Promise<void> {
  const { deployment } = planned;
  for (const instance of deployment.instances) {
    const service = await query<ServiceFacts>(session, `service:${instance.name}`, `Get-SvcForgeStatus -Name ${psString(instance.name)}`);
    if (!service.exists) {
      for (const check of ['binary-path', 'account', 'write-access']) emit(skipped(`${check}:${instance.name}`, `service ${instance.name} is not installed`));
      continue;
    }
    emit(binaryPathCheck(instance.name, service.binaryPath ?? ''));
    const account = service.account ?? '';
    if (/^(LocalSystem|NT AUTHORITY\\SYSTEM|\.\\LocalSystem)$/i.test(account)) {
      const asked = deployment.instances.some((i) => i.account.type === 'localSystem');
      emit(
        problem(
          `account:${instance.name}`,
          `runs as LocalSystem (full control of the machine)${asked ? ', as the spec asks' : ', though the spec asks for ' + instance.account.name}; use account: { type: virtual } and svcforge apply`,
        ),
      );
    } else emit(ok(`account:${instance.name}`, `runs as ${account}`));
    if (needsLogonRight(account)) emit(await logonRightCheck(session, `logon-right:${instance.name}`, instance.name, account));
    const program = splitCommandLine(service.binaryPath ?? '')[0];
    const paths = [...new Set([deployment.paths.installDir, ...(program ? [program, winDirname(program)] : []), deployment.program])];
    emit(await writeAccessCheck(session, `write-access:${instance.name}`, paths));
  }
  emit(await firewallScopeCheck(session, deployment.firewallGroup));
}

/** Unquoted with a space before `.exe`: Windows tries C:\Program.exe, C:\Program Files\svcforge\gin.exe ... first. */
export function binaryPathCheck(name: string, binaryPath: string): StepRecord {
  const id = `binary-path:${name}`;
  const trimmed = binaryPath.trim();
  if (trimmed.startsWith('"')) return ok(id, `quoted: ${trimmed}`);
  const exe = /^(.*?\.exe)(?=\s|$)/i.exec(trimmed)?.[1] ?? trimmed;
  if (exe.includes(' ')) {
    return problem(
      id,
      `unquoted binary path with spaces: ${trimmed}; Windows may run another program from a prefix of it (e.g. ${exe.split(' ')[0]}.exe); run svcforge apply to rewrite it quoted`,
    );
  }
  return ok(id, `no space in the program path: ${trimmed}`);
}

/** A user account or a gMSA: LocalSystem, NT AUTHORITY\* and virtual accounts need no logon right of their own. */
export function needsLogonRight(account: string): boolean {
  return account.trim() !== '' && !/^(LocalSystem|\.\\LocalSystem|NT AUTHORITY\\.+|NT SERVICE\\.+)$/i.test(account.trim());
}

export interface AccountRights {
  account: string;
  resolved: boolean;
  rights: string[];
}

/** Whether the local security policy lets the account log on as a service (else the SCM fails the start with 1069). */
export function logonRightRecord(id: string, service: string, reply: AccountRights): StepRecord {
  const { account } = reply;
  // PowerShell's JSON may flatten a one-element array; accept both.
  const rights: string[] = Array.isArray(reply.rights) ? reply.rights : reply.rights ? [String(reply.rights)] : [];
  const fix =
    'run svcforge apply (it grants the right), or add the account to "Log on as a service" in secpol.msc or, when a domain Group Policy defines that policy, in the Group Policy';
  if (!reply.resolved)
    return problem(
      id,
      `${account}, the account of ${service}, cannot be resolved to a SID on this host: the service cannot log on (error 1069 at start); check the name, and for a gMSA run Install-ADServiceAccount here`,
    );
  if (rights.includes('SeDenyServiceLogonRight'))
    return problem(
      id,
      `${account} is denied "Log on as a service" (SeDenyServiceLogonRight), which wins over any grant: ${service} fails to start with error 1069; remove the account from "Deny log on as a service" (secpol.msc or the Group Policy that sets it)`,
    );
  if (rights.includes('SeServiceLogonRight')) return ok(id, `${account} may log on as a service (SeServiceLogonRight)`);
  return problem(
    id,
    `${account} does not hold "Log on as a service" (SeServiceLogonRight) itself: unless a group it belongs to does, ${service} fails to start with error 1069 (logon failure); ${fix}`,
  );
}

async function logonRightCheck(session: PowerShellSession, id: string, service: string, account: string): Promise<StepRecord> {
  const available = await query<{ available: boolean }>(
    session,
    id,
    "[pscustomobject]@{ available = $null -ne (Get-Command -Name 'Get-SvcForgeAccountRight' -ErrorAction SilentlyContinue) }",
  );
  if (!available.available) return skipped(id, 'this SvcForge module has no Get-SvcForgeAccountRight; update svcforge');
  return logonRightRecord(id, service, await query<AccountRights>(session, id, `Get-SvcForgeAccountRight -Account ${psString(account)}`));
}

interface WriteAccess {
  path: string;
  exists: boolean;
  writers: { identity: string; rights: number }[] | null;
}

async function writeAccessCheck(session: PowerShellSession, id: string, paths: string[]): Promise<StepRecord> {
  const available = await query<{ available: boolean }>(
    session,
    id,
    "[pscustomobject]@{ available = $null -ne (Get-Command -Name 'Get-SvcForgeWriteAccess' -ErrorAction SilentlyContinue) }",
  );
  if (!available.available) return skipped(id, 'this SvcForge module has no Get-SvcForgeWriteAccess; update svcforge');
  const reply = await query<{ items: WriteAccess[] }>(
    session,
    id,
    `[pscustomobject]@{ items = @(Get-SvcForgeWriteAccess -Path @(${paths.map(psString).join(', ')})) }`,
  );
  const found = reply.items.filter((item) => item.exists);
  const open = found.filter((item) => (item.writers ?? []).length > 0);
  if (open.length) {
    const what = open.map((item) => `${item.path} by ${(item.writers ?? []).map((w) => w.identity).join(', ')}`).join('; ');
    return problem(
      id,
      `writable by non-administrators: ${what}; whoever can change these runs code as the service: run svcforge apply (it sets these ACLs), or remove the entries with icacls`,
    );
  }
  if (!found.length) return skipped(id, `none of ${paths.join(', ')} exists`);
  return ok(id, `only Administrators and SYSTEM can change ${found.map((item) => item.path).join(', ')}`);
}

async function firewallScopeCheck(session: PowerShellSession, group: string): Promise<StepRecord> {
  const id = 'firewall-scope';
  const reply = await query<{ rules: FirewallRuleState[] }>(session, id, `[pscustomobject]@{ rules = @(Get-SvcForgeFirewallRule -Group ${psString(group)}) }`);
  const rules = reply.rules.filter((rule) => rule.enabled && rule.direction === 'Inbound' && rule.action === 'Allow');
  if (!rules.length) return skipped(id, `no enabled inbound rule in group ${group}`);
  const wide = rules.flatMap((rule) => {
    const why: string[] = [];
    if ((rule.profiles ?? []).includes('Public')) why.push('open on the Public profile');
    const addresses = rule.remoteAddresses ?? [];
    if (addresses.length === 0 || addresses.some((address) => /^(any|\*)$/i.test(address))) why.push('open to any remote address');
    return why.length ? [`${rule.name} is ${why.join(' and ')}`] : [];
  });
  if (wide.length) return problem(id, `${wide.join('; ')}; limit profiles and remoteAddresses in the spec's firewall list and run svcforge firewall open`);
  return ok(id, `${rules.length} rule(s) in ${group}, none on the Public profile or open to any address`);
}
