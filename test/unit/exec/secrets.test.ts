import { expect } from 'chai';
import { ExitCode, SvcforgeError } from '../../../src/errors.js';
import { collectSecretValues, exeCommand } from '../../../src/exec/secrets.js';

describe('secret values at apply time', () => {
  it('takes each value from the environment variable of the same name, without prompting', async () => {
    let asked = 0;
    const values = await collectSecretValues(['A_KEY', 'B'], {
      env: { A_KEY: 'one', B: 'two words ключ' },
      prompt: () => {
        asked += 1;
        return Promise.resolve('typed');
      },
    });
    expect([...values]).to.deep.equal([
      ['A_KEY', 'one'],
      ['B', 'two words ключ'],
    ]);
    expect(asked).to.equal(0);
  });

  it('asks (hidden prompt) only for what the environment lacks or has empty', async () => {
    const asked: string[] = [];
    const values = await collectSecretValues(['A', 'B', 'C'], {
      env: { A: 'a', B: '' },
      prompt: (name) => {
        asked.push(name);
        return Promise.resolve(`typed-${name}`);
      },
    });
    expect(asked).to.deep.equal(['B', 'C']);
    expect(values.get('C')).to.equal('typed-C');
  });

  it('without a value and without a terminal: exit 2 naming every missing secret and how to give it, never a value', async () => {
    const error = await collectSecretValues(['DB_PASSWORD', 'API_TOKEN', 'SET'], { env: { SET: 'hunter2' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(SvcforgeError);
    const e = error as SvcforgeError;
    expect(e.exitCode).to.equal(ExitCode.invalid);
    expect(e.message).to.contain('DB_PASSWORD').and.contain('API_TOKEN').and.not.contain('SET');
    expect(e.suggestions.join(' ')).to.contain('DB_PASSWORD=...').and.contain('terminal');
    expect(JSON.stringify(e)).to.not.contain('hunter2');
  });

  it('an empty answer at the prompt counts as missing', async () => {
    const error = await collectSecretValues(['X'], { env: {}, prompt: () => Promise.resolve('') }).catch((e: unknown) => e);
    expect((error as SvcforgeError).exitCode).to.equal(ExitCode.invalid);
  });

  it('SVCFORGE_EXE_LAUNCHER prefixes the Windows executable; the value is never an argument', () => {
    expect(exeCommand('/p/svcforge-host.exe', ['protect'], { SVCFORGE_EXE_LAUNCHER: 'wine' })).to.deep.equal(['wine', ['/p/svcforge-host.exe', 'protect']]);
    expect(exeCommand('/p/h.exe', ['protect', '--verify'], { SVCFORGE_EXE_LAUNCHER: ' box64  wine ' })).to.deep.equal([
      'box64',
      ['wine', '/p/h.exe', 'protect', '--verify'],
    ]);
    expect(exeCommand('C:\\h.exe', ['protect'], {})).to.deep.equal(['C:\\h.exe', ['protect']]);
  });
});
