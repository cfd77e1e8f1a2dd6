import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ExitCode, SpecError, SvcforgeError } from '../../../src/errors.js';
import { loadSpecFile, parseSpec } from '../../../src/spec-file/load.js';
import { maxSpecBytes } from '../../../src/spec-file/read-spec-file.js';

const base = 'name: web\nprogram: C:\\apps\\web\\web.exe\n';

function rejectionOf(text: string): SpecError {
  try {
    parseSpec(text, 'svcforge.yaml', { env: {} });
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(SpecError);
    return error as SpecError;
  }
  expect.fail('expected the spec to be rejected');
}

describe('bad spec files, as a new user would try them', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'svcforge-bad-spec-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function loadBytes(name: string, bytes: Buffer): Promise<SvcforgeError> {
    const file = join(folder, name);
    await writeFile(file, bytes);
    try {
      await loadSpecFile(file, { env: {} });
    } catch (error) {
      expect(error, String(error)).to.be.instanceOf(SvcforgeError);
      return error as SvcforgeError;
    }
    expect.fail(`expected ${name} to be refused`);
  }

  it('refuses an alias bomb as an invalid spec located at its first alias', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + index);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const error = rejectionOf(`${base}${levels.join('\n')}\n`);
    expect(error.exitCode).to.equal(ExitCode.invalid);
    expect(error.problems).to.have.length(1);
    expect(error.problems[0]!.message).to.match(/aliases .* expand to too many values/);
    expect(error.problems[0]).to.include({ line: 4, column: 8 });
  });

  it('still expands a few ordinary aliases', () => {
    const spec = parseSpec(`${base}description: &text hello\ndisplayName: *text\n`, 'svcforge.yaml', { env: {} });
    expect(spec.displayName).to.equal('hello');
  });

  for (const [shape, nested] of [
    ['flow lists', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['flow mappings', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`],
  ] as const) {
    it(`says in the user's terms that 5,000-deep ${shape} nest too deeply`, () => {
      const error = rejectionOf(`${base}environment: ${nested}\n`);
      expect(error.exitCode).to.equal(ExitCode.invalid);
      expect(error.message).to.match(/nested too deeply/);
      expect(error.message).not.to.match(/call stack/i);
    });
  }

  it('says 5,000-deep block mappings nest too deeply', () => {
    let text = `${base}environment:\n`;
    for (let depth = 1; depth < 5000; depth += 1) text += `${' '.repeat(depth)}a:\n`;
    const error = rejectionOf(text);
    expect(error.message).to.match(/nested too deeply/);
    expect(error.message).not.to.match(/call stack/i);
  });

  it('refuses a file over 1 MiB before parsing it, naming the limit', async () => {
    // invalid YAML past the limit: a parse would report it, the size check must come first
    const error = await loadBytes('huge.yaml', Buffer.from(`${base}# ${'x'.repeat(maxSpecBytes)}\n: : :\n`));
    expect(error.code).to.equal('SPEC_TOO_LARGE');
    expect(error.exitCode).to.equal(ExitCode.invalid);
    expect(error.message).to.match(/at most 1048576 bytes \(1 MiB\)/);
  });

  it('accepts a file of exactly 1 MiB', async () => {
    const padding = maxSpecBytes - Buffer.byteLength(base) - 3;
    const bytes = Buffer.from(`${base}# ${'x'.repeat(padding)}\n`);
    expect(bytes.length).to.equal(maxSpecBytes);
    const file = join(folder, 'exact.yaml');
    await writeFile(file, bytes);
    expect((await loadSpecFile(file, { env: {} })).spec.name).to.equal('web');
  });

  it('reads UTF-16 little-endian with a byte-order mark (PowerShell 5.1 `>`)', async () => {
    const file = join(folder, 'utf16le.yaml');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${base}description: café\n`, 'utf16le')]));
    const { spec } = await loadSpecFile(file, { env: {} });
    expect(spec.name).to.equal('web');
    expect(spec.description).to.equal('café');
  });

  it('reads UTF-16 big-endian with a byte-order mark', async () => {
    const file = join(folder, 'utf16be.yaml');
    const littleEndian = Buffer.from(base, 'utf16le');
    await writeFile(file, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(littleEndian).swap16()]));
    expect((await loadSpecFile(file, { env: {} })).spec.program).to.equal('C:\\apps\\web\\web.exe');
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    const file = join(folder, 'utf8bom.yaml');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)]));
    expect((await loadSpecFile(file, { env: {} })).spec.name).to.equal('web');
  });

  for (const [endian, bytes] of [
    ['little-endian', Buffer.from(base, 'utf16le')],
    ['big-endian', Buffer.from(base, 'utf16le').swap16()],
  ] as const) {
    it(`refuses UTF-16 ${endian} without a byte-order mark, with the PowerShell hint`, async () => {
      const error = await loadBytes(`utf16-${endian}.yaml`, bytes);
      expect(error.code).to.equal('SPEC_ENCODING');
      expect(error.exitCode).to.equal(ExitCode.invalid);
      expect(error.message).to.match(new RegExp(`UTF-16 \\(${endian}\\) without a byte-order mark`));
      expect(error.suggestions.join(' ')).to.match(/Out-File -Encoding utf8/);
    });
  }
});
