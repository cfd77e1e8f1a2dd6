import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostConf, type InstanceFacts } from '../../../src/model/host-conf.js';
import { confValue } from '../../../src/quote/host-conf.js';
import { parseSpec } from '../../../src/spec-file/load.js';
import { confDumpBatch } from '../../support/native-tools.js';

const facts: InstanceFacts = {
  name: 'gin-hello',
  logDir: 'C:\\ProgramData\\svcforge\\gin-hello\\logs',
  statusFile: 'C:\\ProgramData\\svcforge\\gin-hello\\logs\\status.json',
  secretsFile: 'C:\\ProgramData\\svcforge\\gin-hello\\secrets.dat',
  releasesDir: 'C:\\Program Files\\svcforge\\gin-hello\\releases',
  releasePointer: 'C:\\ProgramData\\svcforge\\gin-hello\\release.conf',
};
const conf = (yaml: string) => hostConf(parseSpec(`name: gin-hello\n${yaml}`, 'svcforge.yaml', { env: {} }), facts);
const keys = (lines: [string, string][]) => new Map(lines);

describe('svcforge-host.conf lines', () => {
  it('names the release root and pointer and keeps program relative for a spec with release:', () => {
    const lines = conf('program: bin\\gin-hello.exe\nrelease: {}\narguments: [--quiet]\n');
    expect(lines.slice(0, 6)).to.deep.equal([
      ['version', '1'],
      ['name', 'gin-hello'],
      ['release_root', facts.releasesDir],
      ['release_pointer', facts.releasePointer],
      ['program', 'bin\\gin-hello.exe'],
      ['arg', '--quiet'],
    ]);
    expect(keys(lines).has('workdir')).to.equal(false);
    expect(keys(conf('program: gin-hello.exe\nrelease: {}\nworkingDirectory: D:\\data\n')).get('workdir')).to.equal('D:\\data');
  });

  it('writes an absolute program and its folder as workdir without release:, and no release keys', () => {
    const map = keys(conf('program: C:\\apps\\gin-hello.exe\n'));
    expect(map.get('program')).to.equal('C:\\apps\\gin-hello.exe');
    expect(map.get('workdir')).to.equal('C:\\apps');
    expect(map.has('release_root')).to.equal(false);
    expect(map.has('release_pointer')).to.equal(false);
  });

  it('is accepted by the supervisor parser (conf-dump) with the release keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-conf-'));
    const file = join(dir, 'svcforge-host.conf');
    const text = conf('program: bin/gin-hello.exe\nrelease: {}\n').map(([key, value]) => `${key} = ${confValue(value)}\n`);
    writeFileSync(file, text.join(''));
    const [result] = confDumpBatch([file]);
    expect(result.errors).to.equal(undefined);
    expect(result.config).to.include({ release_root: facts.releasesDir, release_pointer: facts.releasePointer, program: 'bin/gin-hello.exe', workdir: null });
  });
});
