import { expect } from 'chai';
import { formatStatus } from '../../../src/formatters/status.js';
import { parseStatusFile, type StatusResult } from '../../../src/lifecycle/status.js';

const statusText = (extra: Record<string, unknown>) =>
  JSON.stringify({
    service: 'gin',
    state: 'running',
    pid: 4242,
    port: 8080,
    restarts: 0,
    last_exit_code: null,
    started_at: '2026-01-01T00:00:00.000Z',
    last_health: 'healthy',
    next_start_in_ms: null,
    memory_bytes: 1024,
    ...extra,
  });

const table = (text: string): string => {
  const { supervisor } = parseStatusFile(text, 'status.json', new Date('2026-01-01T00:01:00.000Z'));
  const result = { instances: [{ name: 'gin', exists: true, state: 'Running', supervisor }] } as unknown as StatusResult;
  return formatStatus(result);
};

describe('svcforge status: the release the program runs', () => {
  it('carries the release from the status file into --json, null without releases', () => {
    expect(parseStatusFile(statusText({ release: '1.4.2' }), 'status.json', new Date()).supervisor!.release).to.equal('1.4.2');
    expect(parseStatusFile(statusText({ release: null }), 'status.json', new Date()).supervisor!.release).to.equal(null);
    expect(parseStatusFile(statusText({}), 'status.json', new Date()).supervisor!.release).to.equal(null);
  });

  it('shows it in the RELEASE column for people, a dash without releases', () => {
    const [header, row] = table(statusText({ release: '1.4.2' })).split('\n');
    expect(header).to.match(/PROGRAM\s+RELEASE\s+PID/);
    expect(row).to.match(/running\s+1\.4\.2\s+4242/);
    expect(table(statusText({})).split('\n')[1]).to.match(/running\s+-\s+4242/);
  });
});
