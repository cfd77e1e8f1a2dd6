import { expect } from 'chai';
import { SpecError, type SpecProblem } from '../../../src/errors.js';
import { parseSpec } from '../../../src/spec-file/load.js';

const base = 'name: web\nprogram: C:\\apps\\web\\web.exe\n';

function problemsOf(text: string, options: Parameters<typeof parseSpec>[2] = {}): SpecProblem[] {
  try {
    parseSpec(text, 'svcforge.yaml', { env: {}, ...options });
  } catch (error) {
    expect(error).to.be.instanceOf(SpecError);
    return (error as SpecError).problems;
  }
  expect.fail('expected the spec to be rejected');
}

function only(text: string, options?: Parameters<typeof parseSpec>[2]): SpecProblem {
  const problems = problemsOf(text, options);
  expect(problems, JSON.stringify(problems)).to.have.length(1);
  return problems[0]!;
}

describe('spec loading', () => {
  it('accepts the minimal spec and fills every default', () => {
    const spec = parseSpec(base, 'svcforge.yaml', { env: {} });
    expect(spec.startup).to.equal('auto');
    expect(spec.account.type).to.equal('virtual');
    expect(spec.recovery.backoff).to.deep.equal({ initial: '1s', max: '1m', resetAfter: '5m' });
    expect(spec.stop.timeout).to.equal('15s');
    expect(spec.logs.rotate).to.deep.equal({ maxSize: '10MB', daily: false, keep: 10 });
    expect(spec.host).to.equal('svcforge');
  });

  it('reports invalid YAML with its line and column', () => {
    const problem = only(`${base}environment: {A: 1\n`);
    expect(problem.message).to.match(/^invalid YAML/);
    expect(problem.line).to.be.a('number');
  });

  it('reports a duplicate key at the second occurrence', () => {
    const problem = only(`${base}startup: auto\nstartup: manual\n`);
    expect(problem.line).to.equal(4);
    expect(problem.message).to.match(/unique/);
  });

  it('reports an unknown field with a did-you-mean and the key position', () => {
    const problem = only(`${base}recovery:\n  restrat: always\n`);
    expect(problem).to.include({ path: 'recovery.restrat', line: 4, column: 3 });
    expect(problem.message).to.equal('unknown field; did you mean restart?');
  });

  it('reports a wrong type with the field path and value position', () => {
    const problem = only(`${base}stop: { timeout: 15 }\n`);
    expect(problem).to.include({ path: 'stop.timeout', line: 3, column: 18 });
  });

  it('rejects service names the SCM rejects', () => {
    for (const name of ['a/b', 'a\\b', 'has space', '-lead', 'x'.repeat(81)]) {
      const problem = only(`name: ${JSON.stringify(name)}\nprogram: C:\\a.exe\n`);
      expect(problem.path).to.equal('name');
      expect(problem.line).to.equal(1);
    }
  });

  it('rejects a NUL character in a value, naming the field', () => {
    const problem = only(`${base}description: "a\\0b"\n`);
    expect(problem).to.include({ path: 'description', line: 3 });
    expect(problem.message).to.match(/NUL/);
  });

  it('rejects a NUL byte in the file itself', () => {
    expect(only(`${base}description: a\0b\n`).message).to.match(/NUL/);
  });

  it('rejects ports outside 1-65535', () => {
    expect(only(`${base}firewall: [{ port: 0 }]\n`).path).to.equal('firewall[0].port');
    expect(only(`${base}firewall: [{ port: 65536 }]\n`).message).to.match(/1-65535/);
    expect(only(`${base}port: 70000\n`).path).to.equal('port');
  });

  it('rejects overlapping firewall ranges of the same protocol', () => {
    const problem = only(`${base}firewall:\n  - { port: 8080 }\n  - { port: "8000-8080" }\n`);
    expect(problem).to.include({ path: 'firewall[1].port', line: 5 });
    expect(problem.message).to.match(/overlaps firewall\[0\]/);
  });

  it('accepts the same port for tcp and udp', () => {
    parseSpec(`${base}firewall:\n  - { port: 53 }\n  - { port: 53, protocol: udp }\n`, 'f', { env: {} });
  });

  it('rejects backoff max below initial, saying both', () => {
    const problem = only(`${base}recovery: { backoff: { initial: 5s, max: 500ms } }\n`);
    expect(problem.path).to.equal('recovery.backoff.max');
    expect(problem.message).to.equal('must be >= initial (5s); got 500ms');
  });

  it('rejects a relative program path', () => {
    const problem = only('name: web\nprogram: web.exe\n');
    expect(problem).to.include({ path: 'program', line: 2, column: 10 });
    expect(problem.message).to.match(/absolute Windows path/);
  });

  it('rejects an absolute program path when release: is set: the program is a path inside the release', () => {
    const problem = only('name: web\nprogram: C:\\apps\\web.exe\nrelease: {}\n');
    expect(problem).to.include({ path: 'program', line: 2 });
    expect(problem.message).to.match(/inside the release/);
  });

  it('rejects a program that climbs out of the release folder', () => {
    const problem = only('name: web\nprogram: ..\\web.exe\nrelease: {}\n');
    expect(problem.path).to.equal('program');
  });

  it('checks every character of a relative program path, also the first two', () => {
    const problem = only('name: web\nprogram: "|x.exe"\nrelease: {}\n');
    expect(problem.path).to.equal('program');
    expect(problem.message).to.match(/does not allow/);
  });

  it('accepts a relative program path with release:', () => {
    const spec = parseSpec('name: web\nprogram: bin\\web.exe\nrelease: { assets: ["static/**"] }\n', 'svcforge.yaml', { env: {} });
    expect(spec.program).to.equal('bin\\web.exe');
    expect(spec.release).to.deep.equal({ assets: ['static/**'], keep: 5, healthTimeout: '60s', minHealthy: '10s', writable: [] });
  });

  it('lists every problem, sorted by line, not just the first', () => {
    const problems = problemsOf('name: "bad name"\nprogram: C:\\app.exe\ninstallDir: rel\nstartup: sometimes\n');
    expect(problems.map((p) => p.path)).to.deep.equal(['name', 'installDir', 'startup']);
  });

  it('rejects fields the chosen host cannot honour and names the host that can', () => {
    const problem = only(`${base}host: native\nhealth: { http: "http://127.0.0.1:80/" }\n`);
    expect(problem.path).to.equal('health');
    expect(problem.message).to.match(/not supported by host 'native'; host 'svcforge' supports it/);
  });

  describe('host nssm', () => {
    const nssm = `${base}host: nssm\nnssm: { path: 'C:\\tools\\nssm\\nssm.exe' }\n`;

    it('accepts what NSSM 2.24 can honour: arguments, environment, logs and rotation, stop timeout, exit codes, backoff, priority, affinity', () => {
      const text = `${nssm}arguments: [--port, "8080"]\nenvironment: { A: "1" }\nlogs: { combined: true, rotate: { maxSize: 5MB, daily: true } }\nstop: { timeout: 30s }\nrecovery: { restart: always, exitCodes: { "3": stop }, backoff: { initial: 2s, resetAfter: 1m } }\nlimits: { priority: high, affinity: [0, 1] }\n`;
      const spec = parseSpec(text, 'svcforge.yaml', { env: {} });
      expect(spec.host).to.equal('nssm');
      expect(spec.nssm?.path).to.equal('C:\\tools\\nssm\\nssm.exe');
    });

    it('requires nssm.path, saying what it is', () => {
      const problem = only(`${base}host: nssm\n`);
      expect(problem.path).to.equal('host');
      expect(problem.message).to.match(/needs nssm\.path, where nssm\.exe \(NSSM 2\.24\) is/);
    });

    for (const [field, yaml, why] of [
      ['health', 'health: { http: "http://127.0.0.1:80/" }', 'no health checks'],
      ['hooks', 'hooks: { preStart: { command: migrate.exe } }', 'AppEvents exist only in 2.25'],
      ['limits.memory', 'limits: { memory: 512MB }', 'no job memory limit'],
      ['limits.cpuPercent', 'limits: { cpuPercent: 50 }', 'no job CPU limit'],
      ['logs.timestamps', 'logs: { timestamps: true }', 'no timestamps'],
      ['logs.rotate.keep', 'logs: { rotate: { keep: 5 } }', 'keeps every rotated file'],
      ['recovery.backoff.max', 'recovery: { backoff: { max: 2m } }', 'cap built into NSSM'],
      ['recovery.giveUpAfter', 'recovery: { giveUpAfter: { failures: 3 } }', 'never gives up'],
      ['secrets', 'secrets: [DB_PASSWORD]', 'plain text'],
      ['instances', 'instances: { count: 1 }', 'one program'],
      ['port', 'port: 8080', 'port before each start'],
    ] as const) {
      it(`rejects ${field}, saying why and that host 'svcforge' supports it`, () => {
        const problem = only(`${nssm}${yaml}\n`);
        expect(problem.path).to.equal(field);
        expect(problem.message).to.include(`is not supported by host 'nssm' (`).and.include(why).and.include("host 'svcforge' supports it");
      });
    }

    it('rejects logs.eventLog: false (NSSM always logs its own events) but accepts true', () => {
      const problem = only(`${nssm}logs: { eventLog: false }\n`);
      expect(problem.path).to.equal('logs.eventLog');
      expect(problem.message).to.match(/NSSM always writes .*host 'svcforge' supports it/);
      expect(parseSpec(`${nssm}logs: { eventLog: true }\n`, 'f', { env: {} }).logs.eventLog).to.equal(true);
    });

    it('rejects values NSSM cannot hold: a rotation size of 4GB, a stop timeout over 49 days, a line break in an environment value', () => {
      expect(only(`${nssm}logs: { rotate: { maxSize: 4GB } }\n`).message).to.match(/below 4GB with host 'nssm'/);
      expect(only(`${nssm}stop: { timeout: 50d }\n`).path).to.equal('stop.timeout');
      expect(only(`${nssm}environment: { A: "one\\ntwo" }\n`).message).to.match(/line break/);
    });

    it('rejects an nssm block with another host', () => {
      const problem = only(`${base}host: native\nnssm: { path: 'C:\\nssm.exe' }\n`);
      expect(problem.path).to.equal('nssm');
    });
  });

  it('fills ${NAME:default} from the caller environment, else the default', () => {
    const text = `${base}environment: { A: "\${APP_ENV:prod}", B: "x-\${REGION}", C: "$\${literal}" }\n`;
    const spec = parseSpec(text, 'f', { env: { REGION: 'eu' } });
    expect(spec.environment).to.deep.equal({ A: 'prod', B: 'x-eu', C: '${literal}' });
  });

  it('reports a reference to an unset variable without a default', () => {
    const problem = only(`${base}environment: { A: "\${MISSING}" }\n`);
    expect(problem).to.include({ path: 'environment.A', line: 3 });
    expect(problem.message).to.match(/MISSING, which is not set/);
  });

  it('overlays a profile: mappings merge, scalars replace', () => {
    const text = `${base}environment: { A: "1", B: "2" }\nprofiles:\n  staging:\n    environment: { B: "3" }\n    startup: manual\n`;
    const spec = parseSpec(text, 'f', { env: {}, profile: 'staging' });
    expect(spec.environment).to.deep.equal({ A: '1', B: '3' });
    expect(spec.startup).to.equal('manual');
  });

  it('names the available profiles when the chosen one does not exist', () => {
    const problem = only(`${base}profiles: { staging: {}, prod: {} }\n`, { profile: 'qa' });
    expect(problem.message).to.equal('has no profile "qa"; choose one of: staging, prod');
  });

  it('points a problem inside a profile at the profile line', () => {
    const problem = only(`${base}profiles:\n  staging:\n    startup: sometimes\n`, { profile: 'staging' });
    expect(problem).to.include({ path: 'profiles.staging.startup', line: 5 });
  });

  it('refuses a secret that is also given a value in environment', () => {
    const problem = only(`${base}secrets: [DB_PASSWORD]\nenvironment: { DB_PASSWORD: hunter2 }\n`);
    expect(problem.path).to.equal('environment.DB_PASSWORD');
  });

  it('requires an account name for user and gmsa, and a trailing $ for gmsa', () => {
    expect(only(`${base}account: { type: user }\n`).path).to.equal('account.name');
    expect(only(`${base}account: { type: gmsa, name: 'CORP\\web' }\n`).message).to.match(/ends with \$/);
  });

  it('requires a port range wide enough for every instance', () => {
    expect(only(`${base}instances: { count: 3 }\n`).path).to.equal('instances.portRange');
    expect(only(`${base}instances: { count: 3, portRange: 8081-8082 }\n`).message).to.match(/2 ports for 3 instances/);
  });

  it('rejects a health check with both http and tcp', () => {
    expect(only(`${base}health: { http: "http://127.0.0.1:1/", tcp: "127.0.0.1:1" }\n`).message).to.match(/exactly one/);
  });
});

describe('spec rules shared with the supervisor config parser', () => {
  it('rejects environment names that differ only in case, as Windows treats them as one', () => {
    expect(only(`${base}environment: { Path: a, PATH: b }\n`).path).to.equal('environment.PATH');
  });

  it('rejects setting the instance port variable by hand', () => {
    expect(only(`${base}environment: { PORT: "1" }\ninstances: { count: 2, portRange: 9000-9001 }\n`).path).to.equal('environment.PORT');
  });

  it('limits giveUpAfter.failures to the 64 the supervisor tracks', () => {
    expect(only(`${base}recovery: { giveUpAfter: { failures: 65 } }\n`).path).to.equal('recovery.giveUpAfter.failures');
  });
});
