/**
 * `svcforge render --sign`: Authenticode signatures on every script, module file and
 * svcforge-host.exe of a bundle, made by osslsigncode, so the bundle runs under the
 * AllSigned execution policy and on WDAC servers that require signed code. The
 * manifest is rewritten afterwards: install.ps1 checks the signed bytes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, SvcforgeError } from '../errors.js';
import type { Bundle } from './bundle.js';

export type SigningKey =
  /** a PFX/PKCS#12 file holding the code-signing certificate, its key and chain */
  | { kind: 'pfx'; file: string; password: string }
  /** a key in a token or HSM: PKCS#11 module, key URI, certificate chain (PEM) */
  | { kind: 'pkcs11'; module: string; key: string; certs: string };

/** What Windows checks an Authenticode signature on: PowerShell files and PE binaries. */
export const signable = (name: string): boolean => /\.(ps1|psm1|psd1|exe)$/i.test(name);

export function signBundle(bundle: Bundle, key: SigningKey, timestampUrl?: string): Bundle {
  const work = mkdtempSync(join(tmpdir(), 'svcforge-sign-'));
  try {
    chmodSync(work, 0o700);
    const keyArgs = keyArguments(key, work);
    const signed: Bundle = new Map();
    for (const [name, content] of bundle) {
      if (!signable(name)) {
        signed.set(name, content);
        continue;
      }
      const extension = name.slice(name.lastIndexOf('.'));
      const input = join(work, `in${extension}`);
      const output = join(work, `out${extension}`);
      writeFileSync(input, content);
      rmSync(output, { force: true });
      const args = ['sign', ...keyArgs, '-h', 'sha256', ...(timestampUrl ? ['-ts', timestampUrl] : []), '-in', input, '-out', output];
      const run = spawnSync('osslsigncode', args, { encoding: 'utf8' });
      if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new SvcforgeError('osslsigncode is not installed: --sign needs it', 'SIGNER_MISSING', ExitCode.environment, [
          'install it (Debian/Ubuntu: apt-get install osslsigncode), or render without --sign',
        ]);
      }
      if (run.status !== 0) {
        throw new SvcforgeError(`osslsigncode could not sign ${name}: ${(run.stderr || run.stdout).trim()}`, 'SIGN_FAILED', ExitCode.failed, [
          key.kind === 'pfx'
            ? `check the password and that ${key.file} holds a code-signing certificate with its private key`
            : `check the PKCS#11 module ${key.module}, the key URI and the certificate file ${key.certs}`,
        ]);
      }
      signed.set(name, readFileSync(output));
    }
    const manifest = signed.get('manifest.json');
    if (manifest) signed.set('manifest.json', rehashed(manifest, signed));
    return signed;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function keyArguments(key: SigningKey, work: string): string[] {
  if (key.kind === 'pkcs11') return ['-pkcs11module', key.module, '-key', key.key, '-certs', key.certs];
  // The password goes through a file only this user can read, never on the command line (ps shows it).
  const passwordFile = join(work, 'password');
  writeFileSync(passwordFile, key.password, { mode: 0o600 });
  return ['-pkcs12', key.file, '-readpass', passwordFile];
}

function rehashed(manifest: Buffer, bundle: Bundle): Buffer {
  const parsed = JSON.parse(manifest.toString('utf8')) as { files: { name: string; sha256: string; bytes: number }[] };
  parsed.files = parsed.files.map(({ name }) => {
    const content = bundle.get(name)!;
    return { name, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
  });
  return Buffer.from(`${JSON.stringify(parsed, null, 2)}\n`, 'utf8');
}
