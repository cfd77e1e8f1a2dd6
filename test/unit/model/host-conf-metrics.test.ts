import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecError, type SpecProblem } from '../../../src/errors.js';
import { deriveDeployment } from '../../../src/model/derive.js';
import { parseSpec } from '../../../src/spec-file/load.js';
import { confDumpBatch } from '../../support/native-tools.js';

const base = 'name: web\nprogram: C:\\apps\\web\\web.exe\n';
const confOf = (extra: string) => deriveDeployment(parseSpec(`${base}${extra}`, 'svcforge.yaml', { env: {} })).instances.map((instance) => instance.conf!);
const metricsLines = (conf: [string, string][]) => conf.filter(([key]) => key.startsWith('metrics_'));

function problemsOf(text: string): SpecProblem[] {
  try {
    parseSpec(`${base}${text}`, 'svcforge.yaml', { env: {} });
  } catch (error) {
    expect(error).to.be.instanceOf(SpecError);
    return (error as SpecError).problems;
  }
  expect.fail('expected the spec to be rejected');
}

describe('metrics: in the spec -> svcforge-host.conf', () => {
  it('writes nothing without metrics:', () => {
    expect(metricsLines(confOf('')[0]!)).to.deep.equal([]);
  });

  it('binds a bare port on loopback and keeps an explicit address', () => {
    expect(metricsLines(confOf('metrics: { listen: 9464 }\n')[0]!)).to.deep.equal([['metrics_listen', '127.0.0.1:9464']]);
    expect(metricsLines(confOf("metrics: { listen: '0.0.0.0:9100', textfile: 'C:\\te\\web.prom' }\n")[0]!)).to.deep.equal([
      ['metrics_textfile', 'C:\\te\\web.prom'],
      ['metrics_listen', '0.0.0.0:9100'],
    ]);
  });

  it('gives each instance its own textfile and port', () => {
    const confs = confOf("instances: { count: 2, portRange: 8081-8082 }\nmetrics: { listen: 9464, textfile: 'C:\\te\\web.PROM' }\n");
    expect(confs.map(metricsLines)).to.deep.equal([
      [
        ['metrics_textfile', 'C:\\te\\web-1.PROM'],
        ['metrics_listen', '127.0.0.1:9464'],
      ],
      [
        ['metrics_textfile', 'C:\\te\\web-2.PROM'],
        ['metrics_listen', '127.0.0.1:9465'],
      ],
    ]);
  });

  it('rejects what the supervisor could not use, naming the field', () => {
    expect(problemsOf('metrics: {}\n').map((p) => `${p.path}: ${p.message}`)).to.deep.equal([
      'metrics: needs textfile, listen or both, e.g. metrics: { listen: 9464 }',
    ]);
    expect(problemsOf("metrics: { textfile: 'C:\\te\\web.txt' }\n")[0]!.message).to.include('must end in .prom');
    expect(problemsOf("metrics: { listen: 'localhost:9464' }\n")[0]!.message).to.include('IPv4 address and port like 127.0.0.1:9464');
    expect(problemsOf('metrics: { listen: 70000 }\n')[0]!.message).to.include('1-65535');
    expect(problemsOf('port: 9464\nmetrics: { listen: 9464 }\n')[0]!.message).to.include("the program's own port");
    expect(problemsOf("host: nssm\nnssm: { path: 'C:\\nssm.exe' }\nmetrics: { listen: 9464 }\n")[0]!.message).to.include('NSSM exports no metrics');
  });

  it('writes lines the supervisor parser accepts as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'svcforge-metrics-conf-'));
    try {
      const conf = confOf("metrics: { listen: 9464, textfile: 'C:\\Program Files\\windows_exporter\\textfile_inputs\\web.prom' }\n")[0]!;
      const file = join(dir, 'svcforge-host.conf');
      writeFileSync(file, conf.map(([key, value]) => `${key} = "${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('\n') + '\n');
      const [result] = confDumpBatch([file]);
      expect(result!.errors).to.equal(undefined);
      expect(result!.config).to.include({
        metrics_listen: '127.0.0.1:9464',
        metrics_textfile: 'C:\\Program Files\\windows_exporter\\textfile_inputs\\web.prom',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
