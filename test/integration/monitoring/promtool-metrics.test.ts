import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { metricsSamplePath } from '../../support/native-tools.js';

/** The supervisor's metrics formatter, judged by Prometheus' own linter (Debian's `prometheus` package). */
describe('supervisor metrics text (promtool check metrics)', function () {
  this.timeout(120000);

  function promtoolCheck(text: string): { status: number | null; output: string } {
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (result.error) throw result.error;
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('accepts every family the formatter writes, escaped labels and release info included', function () {
    const text = execFileSync(metricsSamplePath(), { encoding: 'utf8' });
    for (const family of [
      'svcforge_up',
      'svcforge_child_start_time_seconds',
      'svcforge_restarts_total',
      'svcforge_last_exit_code',
      'svcforge_backoff_seconds',
      'svcforge_health_up',
      'svcforge_health_probe_duration_seconds',
      'svcforge_health_probe_failures_total',
      'svcforge_cpu_seconds_total',
      'svcforge_memory_bytes',
      'svcforge_memory_peak_bytes',
      'svcforge_memory_limit_bytes',
      'svcforge_limit_hits_total',
      'svcforge_log_bytes_total',
      'svcforge_log_rotations_total',
      'svcforge_gave_up',
      'svcforge_release_info',
    ]) {
      expect(text, family).to.include(`# TYPE ${family} `);
    }
    const { status, output } = promtoolCheck(text);
    expect(output).to.equal('');
    expect(status).to.equal(0);
  });

  it('is strict enough to reject what the formatter must never write (the check can fail)', function () {
    const text = execFileSync(metricsSamplePath(), { encoding: 'utf8' });
    const broken = text.replace('svcforge_up{service="gin \\"api\\"\\\\x"', 'svcforge_up{service="gin "api"');
    expect(broken).to.not.equal(text);
    expect(promtoolCheck(broken).status).to.not.equal(0);
  });
});
