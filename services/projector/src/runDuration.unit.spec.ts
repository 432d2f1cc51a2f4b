import { describe, expect, it } from 'vitest';
import { finishedRun } from './runDuration';
import { emptyRun, type RunState } from './runState';

const requested: RunState = {
  ...emptyRun('r1'),
  workflow: 'secret-scan',
  requestedAt: '2026-01-01T00:00:00.000Z',
};
const ended = (s: RunState, status: RunState['status']): RunState => ({
  ...s,
  status,
  finishedAt: '2026-01-01T00:01:30.000Z',
});

describe('finishedRun', () => {
  it('measures a run from its request to its end when the end is applied', () => {
    expect(finishedRun(requested, ended(requested, 'completed'))).toEqual({
      workflow: 'secret-scan',
      outcome: 'completed',
      seconds: 90,
    });
  });

  it('measures it when the request is projected after the end', () => {
    const endOnly = ended(emptyRun('r1'), 'failed');
    expect(finishedRun(emptyRun('r1'), endOnly)).toBeNull();
    expect(
      finishedRun(endOnly, { ...endOnly, workflow: 'secret-scan', requestedAt: requested.requestedAt }),
    ).toEqual({ workflow: 'secret-scan', outcome: 'failed', seconds: 90 });
  });

  it('never measures a run twice or a run still going', () => {
    const done = ended(requested, 'cancelled');
    expect(finishedRun(done, done)).toBeNull();
    expect(finishedRun(requested, { ...requested, status: 'running' })).toBeNull();
  });
});
