/**
 * Golden bundles: a diff here is the point of review. Regenerate deliberately with
 * UPDATE_GOLDEN=1 npx mocha test/unit/render/golden.test.ts
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { bundleFor, planFromFile } from '../../../src/pipeline.js';
import { fakeHostExe, goldenRoot, pinnedFiles, renderSpecFile } from '../../support/render-case.js';

const cases = readdirSync(goldenRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function readTree(root: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [path, text] of readTree(root, name)) files.set(path, text);
    else files.set(name, readFileSync(join(root, name), 'utf8'));
  }
  return files;
}

describe('golden bundles', () => {
  it('covers at least four cases', () => {
    expect(cases.length).to.be.at.least(4);
  });

  for (const name of cases) {
    it(`renders ${name} exactly as test/golden/${name}/bundle`, async () => {
      const spec = join('test', 'golden', name, 'svcforge.yaml');
      const actual = pinnedFiles(await renderSpecFile(spec));
      const expectedDir = join(goldenRoot, name, 'bundle');
      if (process.env.UPDATE_GOLDEN === '1') {
        // CI compares against the committed bundles; rewriting them there would always pass
        if (process.env.CI === 'true') expect.fail('UPDATE_GOLDEN=1 is refused under CI=true: regenerate locally and commit the diff');
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [file, text] of actual) {
          mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
          writeFileSync(join(expectedDir, file), text);
        }
      }
      const expected = readTree(expectedDir);
      expect([...actual.keys()].sort()).to.deep.equal([...expected.keys()].sort());
      for (const [file, text] of actual) expect(text, `${name}/${file}`).to.equal(expected.get(file));
    });
  }

  it('renders the same spec to byte-identical bundles', async () => {
    const spec = join('test', 'golden', 'instances', 'svcforge.yaml');
    const first = await renderSpecFile(spec);
    const second = await renderSpecFile(spec);
    expect([...first.keys()]).to.deep.equal([...second.keys()]);
    for (const [file, content] of first) expect(content.equals(second.get(file)!), file).to.equal(true);
  });

  it('renders the same spec and out folder to the same bytes from any current folder, however the paths are written', async () => {
    const specDir = join(goldenRoot, 'gin-hello');
    const render = async (cwd: string, spec: string, outDir: string) => {
      const before = process.cwd();
      process.chdir(cwd);
      try {
        return bundleFor(await planFromFile(spec, { env: {} }), { outDir, hostExe: fakeHostExe });
      } finally {
        process.chdir(before);
      }
    };
    const elsewhere = mkdtempSync(join(tmpdir(), 'svcforge-cwd-'));
    try {
      const fromSpecFolder = await render(specDir, 'svcforge.yaml', 'bundle');
      const fromElsewhere = await render(elsewhere, relative(elsewhere, join(specDir, 'svcforge.yaml')), relative(elsewhere, join(specDir, 'bundle')));
      const absolute = await render(elsewhere, join(specDir, 'svcforge.yaml'), join(specDir, 'bundle'));
      expect(fromSpecFolder.get('install.ps1')!.toString('utf8')).to.contain('run `svcforge render svcforge.yaml --out bundle` in its folder');
      for (const other of [fromElsewhere, absolute]) {
        expect([...other.keys()]).to.deep.equal([...fromSpecFolder.keys()]);
        for (const [file, content] of fromSpecFolder) expect(other.get(file)!.toString('utf8'), file).to.equal(content.toString('utf8'));
      }
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("keeps a Windows path for --out as written (apply's bundle folder on the host)", async () => {
    const planned = await planFromFile(join(goldenRoot, 'minimal', 'svcforge.yaml'), { env: {} });
    const bundle = bundleFor(planned, { outDir: 'C:\\ProgramData\\svcforge\\x\\bundle', hostExe: fakeHostExe });
    expect(bundle.get('install.ps1')!.toString('utf8')).to.contain('--out C:\\ProgramData\\svcforge\\x\\bundle`');
  });
});
