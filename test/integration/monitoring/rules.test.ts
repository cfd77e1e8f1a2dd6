import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const monitoringDir = join(import.meta.dirname, '..', '..', '..', 'monitoring');

function promtool(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** monitoring/: the alert rules and dashboard, checked by Prometheus' promtool (Debian's `prometheus`). */
describe('monitoring/ alert rules and dashboard (promtool)', function () {
  this.timeout(120000);
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'svcforge-rules-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('the rules pass promtool check rules and their unit tests', function () {
    const check = promtool(['check', 'rules', 'svcforge-alerts.yml'], monitoringDir);
    expect(check.output).to.include('SUCCESS: 5 rules found');
    expect(check.status).to.equal(0);
    const unit = promtool(['test', 'rules', 'svcforge-alerts.test.yml'], monitoringDir);
    expect(unit.output).to.include('SUCCESS');
    expect(unit.status, unit.output).to.equal(0);
  });

  it('the unit tests catch a weakened rule (restart loop threshold raised)', function () {
    const rules = readFileSync(join(monitoringDir, 'svcforge-alerts.yml'), 'utf8');
    const weakened = rules.replace('[15m])) > 3', '[15m])) > 30');
    expect(weakened).to.not.equal(rules);
    writeFileSync(join(scratch, 'svcforge-alerts.yml'), weakened);
    writeFileSync(join(scratch, 'svcforge-alerts.test.yml'), readFileSync(join(monitoringDir, 'svcforge-alerts.test.yml')));
    const unit = promtool(['test', 'rules', 'svcforge-alerts.test.yml'], scratch);
    expect(unit.status).to.not.equal(0);
    expect(unit.output).to.include('SvcforgeRestartLoop');
  });

  it('every dashboard query is valid PromQL and each alert has its panel', function () {
    interface Panel {
      title: string;
      targets: { expr: string }[];
    }
    const dashboard = JSON.parse(readFileSync(join(monitoringDir, 'svcforge-dashboard.json'), 'utf8')) as { panels: Panel[] };
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
    expect(exprs.length).to.be.greaterThan(0);
    // Grafana substitutes the template variables; promtool checks the rest as recording rules.
    const recording = exprs.map(
      (expr, index) =>
        `      - record: dashboard:query_${index}\n        expr: '${expr.replaceAll('$service', '.*').replaceAll('$instance', '.*').replaceAll("'", "''")}'`,
    );
    writeFileSync(join(scratch, 'dashboard-queries.yml'), `groups:\n  - name: dashboard\n    rules:\n${recording.join('\n')}\n`);
    const check = promtool(['check', 'rules', 'dashboard-queries.yml'], scratch);
    expect(check.status, check.output).to.equal(0);
    const titles = dashboard.panels.map((panel) => panel.title).join('\n');
    for (const alert of ['service down', 'restart loop', 'health failing', 'memory near limit', 'gave up']) {
      expect(titles.toLowerCase(), alert).to.include(alert);
    }
  });
});
