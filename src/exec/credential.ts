/**
 * The password of a `user` service account at apply time. It comes from
 * SVCFORGE_ACCOUNT_PASSWORD or a hidden prompt, goes to the PowerShell session beside
 * the script (never in its text: see InvokeOptions.input), becomes the session's
 * $Credential, and from there reaches only Win32_Service.Change (Set-SvcForgeService).
 * It is never logged, put in a record or an error, passed on a command line or
 * written to a file.
 */
import { ExitCode, SvcforgeError } from '../errors.js';
import { psString } from '../quote/powershell.js';
import { hiddenPrompt } from './prompt.js';
import type { PowerShellSession } from './session.js';

export const accountPasswordVariable = 'SVCFORGE_ACCOUNT_PASSWORD';

export interface PasswordSource {
  env: NodeJS.ProcessEnv;
  /** a terminal to ask in; undefined when there is none */
  prompt?: (account: string) => Promise<string>;
}

/** A hidden prompt for the account's password, or undefined without a terminal. */
export function terminalPasswordPrompt(): PasswordSource['prompt'] {
  return hiddenPrompt((account: string) => `Password of service account ${account} (input hidden)`);
}

/** The account's password from the environment, then the prompt; exit 2 saying how to give it. */
export async function collectAccountPassword(account: string, source: PasswordSource): Promise<string> {
  const fromEnv = source.env[accountPasswordVariable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = source.prompt ? await source.prompt(account) : '';
  if (typed !== '') return typed;
  throw new SvcforgeError(`service account ${account} needs its password, and none was given`, 'PASSWORD_MISSING', ExitCode.invalid, [
    `set ${accountPasswordVariable} in the environment of svcforge apply, or run it in a terminal to be asked (input hidden)`,
    'or run the service as a gMSA (account: { type: gmsa, name: DOMAIN\\name$ }) or a virtual account: no password at all',
  ]);
}

/** Makes $Credential in the session: the steps that need it name it (psParameters, { credential: true }). */
export async function giveSessionCredential(session: PowerShellSession, account: string, password: string): Promise<void> {
  const script = [
    '$secure = ConvertTo-SecureString -String $SvcForgeInput -AsPlainText -Force',
    `$global:Credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList ${psString(account)}, $secure`,
  ].join('\n');
  const result = await session.invoke(script, { timeoutMs: 30_000, stepId: 'credential', input: password });
  if (result.error) {
    // PowerShell quotes a value it could not convert: mask the password in case it did.
    const reason = result.error.message.split(password).join('***');
    throw new SvcforgeError(`cannot hand the password of ${account} to PowerShell: ${reason}`, 'CREDENTIAL_FAILED', ExitCode.failed);
  }
}
