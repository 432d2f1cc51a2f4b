import { describe, expect, it } from 'vitest';
import type { RunResponse, RunStatus } from '@fuzzforge/contracts';
import { waitForRunEnd } from './runWaiter';

// The run's successive states, as GET /v1/runs/:id would answer them: the loop's decisions are what is
// tested here; the e2e specs wait for real runs.
const runsAnswering = (statuses: RunStatus[]) => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    runs: {
      get: (id: string) =>
        Promise.resolve({
          id,
          status: statuses[Math.min(calls++, statuses.length - 1)],
          progress: null,
        } as RunResponse),
    } as never,
  };
};

describe('waiting for a run, bounded', () => {
  it('returns the run once it has ended, reporting only changes as changes', async () => {
    const api = runsAnswering(['queued', 'running', 'running', 'completed']);
    const polls: [RunStatus, boolean][] = [];
    const run = await waitForRunEnd(api, 'r1', {
      timeoutMs: 5_000,
      intervalMs: 1,
      signal: new AbortController().signal,
      onPoll: (r, changed) => polls.push([r.status, changed]),
    });
    expect(run.status).toBe('completed');
    expect(polls).toEqual([
      ['queued', true],
      ['running', true],
      ['running', false],
      ['completed', true],
    ]);
  });

  it('returns the current state when the time is up instead of waiting longer', async () => {
    const api = runsAnswering(['running']);
    const started = Date.now();
    const run = await waitForRunEnd(api, 'r1', {
      timeoutMs: 50,
      intervalMs: 20,
      signal: new AbortController().signal,
      onPoll: () => undefined,
    });
    expect(run.status).toBe('running');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(api.calls).toBeGreaterThanOrEqual(2);
  });

  it('stops when the caller cancels its request', async () => {
    const api = runsAnswering(['running']);
    const aborted = new AbortController();
    const waiting = waitForRunEnd(api, 'r1', {
      timeoutMs: 60_000,
      intervalMs: 10_000,
      signal: aborted.signal,
      onPoll: () => undefined,
    });
    aborted.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
