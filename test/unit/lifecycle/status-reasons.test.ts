import { expect } from 'chai';
import { formatStatus, restarts } from '../../../src/formatters/status.js';
import { parseStatusFile, type StatusResult } from '../../../src/lifecycle/status.js';

const statusText = (extra: Record<string, unknown>) =>
  JSON.stringify({
    service: 'gin',
    state: 'backoff',
    pid: null,
    port: null,
    restarts: 5,
    last_exit_code: 3,
    started_at: null,
    last_health: null,
    next_start_in_ms: 900,
    memory_bytes: 0,
    ...extra,
  });

describe('svcforge status: restart reasons from the status file', () => {
  it('carries the per-reason counts into --json', () => {
    const { supervisor } = parseStatusFile(
      statusText({ restart_reasons: { crash: 3, exit_code: 0, health: 2, memory: 0, manual: 0 } }),
      'status.json',
      new Date(),
    );
    expect(supervisor!.restartReasons).to.deep.equal({ crash: 3, exit_code: 0, health: 2, memory: 0, manual: 0 });
  });

  it('is null for a supervisor that writes no reasons, and ignores non-numbers', () => {
    expect(parseStatusFile(statusText({}), 'status.json', new Date()).supervisor!.restartReasons).to.equal(null);
    expect(parseStatusFile(statusText({ restart_reasons: { crash: 'x', health: 1 } }), 'status.json', new Date()).supervisor!.restartReasons).to.deep.equal({
      health: 1,
    });
  });

  it('shows the reasons that occurred next to the count for people', () => {
    expect(restarts(5, { crash: 3, exit_code: 0, health: 2 })).to.equal('5 (crash 3, health 2)');
    expect(restarts(0, { crash: 0 })).to.equal('0');
    expect(restarts(4, null)).to.equal('4');
    const { supervisor } = parseStatusFile(
      statusText({ restart_reasons: { crash: 3, exit_code: 0, health: 2, memory: 0, manual: 0 } }),
      'status.json',
      new Date(),
    );
    const result = { instances: [{ name: 'gin', exists: true, state: 'Running', supervisor }] } as unknown as StatusResult;
    expect(formatStatus(result)).to.include('5 (crash 3, health 2)');
  });
});
