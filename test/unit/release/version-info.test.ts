import { expect } from 'chai';
import { numericVersion, versionInfoRc } from '../../../src/release/version-info.js';

describe('version info resource', () => {
  it('takes the numeric FILEVERSION from the leading numbers of the version', () => {
    expect(numericVersion('1.2.3')).to.deep.equal([1, 2, 3, 0]);
    expect(numericVersion('v1.2.0-3-gabc1234-dirty')).to.deep.equal([1, 2, 0, 0]);
    expect(numericVersion('2026.12.5.7')).to.deep.equal([2026, 12, 5, 7]);
    expect(numericVersion('7')).to.deep.equal([7, 0, 0, 0]);
    expect(numericVersion('abc1234')).to.deep.equal([0, 0, 0, 0]);
    expect(numericVersion('99999.1')).to.deep.equal([65535, 1, 0, 0]);
  });

  it('puts the full version string and the file name in the string table', () => {
    const rc = versionInfoRc('gin-hello', 'bin/gin-hello.exe', 'v1.2.0-3-gabc1234');
    expect(rc).to.include('FILEVERSION 1,2,0,0');
    expect(rc).to.include('VALUE "ProductVersion", "v1.2.0-3-gabc1234\\0"');
    expect(rc).to.include('VALUE "FileVersion", "v1.2.0-3-gabc1234\\0"');
    expect(rc).to.include('VALUE "OriginalFilename", "gin-hello.exe\\0"');
  });
});
