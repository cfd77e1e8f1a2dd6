/** Turns render's --sign flags into a signing key: a PFX file and its password, or a PKCS#11 key. */
import { existsSync } from 'node:fs';
import { ExitCode, SvcforgeError } from '../errors.js';
import { hiddenPrompt } from '../exec/prompt.js';
import type { SigningKey } from './sign.js';

export const signPasswordVariable = 'SVCFORGE_SIGN_PASSWORD';

export interface SignFlags {
  sign: string;
  cert?: string;
  module?: string;
}

export async function signingKey(flags: SignFlags, env: NodeJS.ProcessEnv = process.env): Promise<SigningKey> {
  if (flags.sign.startsWith('pkcs11:')) {
    if (!flags.module || !flags.cert) {
      throw new SvcforgeError(`--sign ${flags.sign} is a PKCS#11 key: it needs --pkcs11-module and --sign-cert`, 'SIGN_USAGE', ExitCode.invalid, [
        'add --pkcs11-module /path/to/module.so --sign-cert chain.pem (the signing certificate and its chain, PEM)',
      ]);
    }
    for (const [flag, file] of [
      ['--pkcs11-module', flags.module],
      ['--sign-cert', flags.cert],
    ] as const)
      mustExist(flag, file);
    return { kind: 'pkcs11', module: flags.module, key: flags.sign, certs: flags.cert };
  }
  mustExist('--sign', flags.sign);
  const fromEnv = env[signPasswordVariable];
  let password = fromEnv ?? '';
  if (fromEnv === undefined) {
    const prompt = hiddenPrompt((file: string) => `Password of ${file} (input hidden)`);
    if (!prompt) {
      throw new SvcforgeError(`the password of ${flags.sign} was not given`, 'SIGN_PASSWORD_MISSING', ExitCode.invalid, [
        `set ${signPasswordVariable} in the environment (empty for a PFX without password), or run in a terminal to be asked`,
      ]);
    }
    password = await prompt(flags.sign);
  }
  return { kind: 'pfx', file: flags.sign, password };
}

function mustExist(flag: string, file: string): void {
  if (!existsSync(file)) {
    throw new SvcforgeError(`${flag} ${file}: no such file`, 'SIGN_USAGE', ExitCode.invalid, [`check the path given to ${flag}`]);
  }
}
