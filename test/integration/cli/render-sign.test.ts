/**
 * `svcforge render --sign`: a test CA and code-signing certificate made here with
 * openssl; every script, module file and svcforge-host.exe must verify against that CA
 * with `osslsigncode verify`, and manifest.json must hold the signed files' hashes.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/render-case.js';

const bin = join(repoRoot, 'bin', 'run.js');
const example = join(repoRoot, 'examples', 'gin-hello', 'svcforge.yaml');

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A CA and a code-signing certificate it issued, as <name>-ca.pem and <name>.pfx (password 'pfx-pass'). */
function makeSigner(dir: string, name: string): void {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}-ca.key`,
      '-out',
      `${name}-ca.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name} test CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name} signer`], dir);
  writeFileSync(join(dir, `${name}.ext`), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${name}-ca.pem`,
      '-CAkey',
      `${name}-ca.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    ],
    dir,
  );
  openssl(
    ['pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', `${name}-ca.pem`, '-out', `${name}.pfx`, '-passout', 'pass:pfx-pass'],
    dir,
  );
}

describe('svcforge render --sign', function () {
  this.timeout(120_000);
  let work: string;

  before(() => {
    if (!existsSync(join(repoRoot, 'dist', 'commands'))) throw new Error('the CLI is not built: run `npm run build` first');
    work = mkdtempSync(join(tmpdir(), 'svcforge-sign-test-'));
    makeSigner(work, 'trusted');
    makeSigner(work, 'other');
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  function render(out: string, extra: string[], env: Record<string, string | undefined>) {
    const run = spawnSync(process.execPath, [bin, 'render', example, '--out', out, ...extra], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, DEBUG: '', ...env },
      input: '',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  const verify = (file: string, ca: string) => spawnSync('osslsigncode', ['verify', '-CAfile', join(work, ca), '-in', file], { encoding: 'utf8' });

  it('signs every script, module file and svcforge-host.exe so they verify against the CA, and the manifest holds the signed hashes', () => {
    const out = join(work, 'signed');
    const run = render(out, ['--sign', join(work, 'trusted.pfx')], { SVCFORGE_SIGN_PASSWORD: 'pfx-pass' });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string }[] };
    const signable = manifest.files.map((file) => file.name).filter((name) => /\.(ps1|psm1|psd1|exe)$/.test(name));
    expect(signable).to.include.members([
      'install.ps1',
      'uninstall.ps1',
      'status.ps1',
      'firewall.ps1',
      'SvcForge/SvcForge.psm1',
      'SvcForge/SvcForge.psd1',
      'svcforge-host.exe',
    ]);
    for (const name of signable) {
      const good = verify(join(out, name), 'trusted-ca.pem');
      expect(good.status, `${name}: ${good.stdout}${good.stderr}`).to.equal(0);
      expect(good.stdout).to.include('Signature verification: ok');
      expect(verify(join(out, name), 'other-ca.pem').status, `${name} verified against an unrelated CA`).to.not.equal(0);
    }
    expect(readFileSync(join(out, 'install.ps1'), 'utf8')).to.include('# SIG # Begin signature block');
    for (const file of manifest.files) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, file.name)))
          .digest('hex'),
        file.name,
      ).to.equal(file.sha256);
    }
  });

  it('leaves an unsigned render unsigned', () => {
    const out = join(work, 'unsigned');
    expect(render(out, [], {}).status).to.equal(0);
    expect(verify(join(out, 'install.ps1'), 'trusted-ca.pem').status).to.not.equal(0);
  });

  it('fails with exit 1 naming the file on a wrong PFX password, and writes no bundle', () => {
    const out = join(work, 'wrong-password');
    const run = render(out, ['--sign', join(work, 'trusted.pfx')], { SVCFORGE_SIGN_PASSWORD: 'wrong' });
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    expect(run.stderr).to.match(/osslsigncode could not sign/);
    expect(existsSync(out)).to.equal(false);
  });

  it('exits 2 without a password and no terminal, and 2 for a missing PFX', () => {
    const noPassword = render(join(work, 'no-password'), ['--sign', join(work, 'trusted.pfx')], { SVCFORGE_SIGN_PASSWORD: undefined });
    expect(noPassword.status, noPassword.stderr).to.equal(2);
    expect(noPassword.stderr).to.include('SVCFORGE_SIGN_PASSWORD');
    const missing = render(join(work, 'missing'), ['--sign', join(work, 'nope.pfx')], { SVCFORGE_SIGN_PASSWORD: 'x' });
    expect(missing.status, missing.stderr).to.equal(2);
    expect(missing.stderr).to.include('nope.pfx');
  });
});
