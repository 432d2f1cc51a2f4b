import { describe, expect, it } from 'vitest';
import type { RunEvent, RunRequestedV1 } from '@fuzzforge/contracts';
import { emptyRun, evolveRun } from './runState';

const base = {
  specversion: '1.0' as const,
  source: 'test',
  datacontenttype: 'application/json' as const,
  version: 'v1' as const,
};
const runId = 'RUN1';
const requested: RunRequestedV1 = {
  ...base,
  id: 'e1',
  type: 'ff.run.requested',
  subject: `ff.runs.requested.${runId}`,
  time: '2026-01-01T00:00:00.000Z',
  data: {
    runId,
    targetId: 't'.repeat(64),
    targetSha256: 'a'.repeat(64),
    workflow: 'secret-scan',
    vertical: 'secrets',
    parameters: { redact: true },
    requestedAt: '2026-01-01T00:00:00.000Z',
  },
};
const started: RunEvent = {
  ...base,
  id: 'e2',
  type: 'ff.run.started',
  subject: `ff.run.${runId}.started`,
  time: '2026-01-01T00:00:01.000Z',
  data: { runId, workflow: 'secret-scan', worker: 'w1', startedAt: '2026-01-01T00:00:01.000Z' },
};
const progress = (seq: number, step: string): RunEvent => ({
  ...base,
  id: `p${seq}`,
  type: 'ff.run.progress',
  subject: `ff.run.${runId}.progress`,
  time: '2026-01-01T00:00:02.000Z',
  data: { runId, seq, step, message: step, at: '2026-01-01T00:00:02.000Z' },
});
const completed: RunEvent = {
  ...base,
  id: 'e3',
  type: 'ff.run.completed',
  subject: `ff.run.${runId}.completed`,
  time: '2026-01-01T00:00:03.000Z',
  data: {
    runId,
    findingCount: 0,
    countsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    reportKey: `results/${runId}/report.sarif`,
    completedAt: '2026-01-01T00:00:03.000Z',
  },
};
const failed: RunEvent = {
  ...base,
  id: 'e4',
  type: 'ff.run.failed',
  subject: `ff.run.${runId}.failed`,
  time: '2026-01-01T00:00:04.000Z',
  data: { runId, error: { code: 'x', message: 'boom' }, failedAt: '2026-01-01T00:00:04.000Z' },
};

const fold = (events: (RunEvent | RunRequestedV1)[]) => events.reduce(evolveRun, emptyRun(runId));

describe('evolveRun', () => {
  it('walks a run through queued, running and completed', () => {
    const state = fold([requested, started, progress(1, 'scan'), completed]);
    expect(state.status).toBe('completed');
    expect(state.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(state.reportKey).toBe(`results/${runId}/report.sarif`);
    expect(state.workflow).toBe('secret-scan');
    expect(state.progress).toBeNull();
  });

  it('gives the same state whatever the order worker facts and the request arrive in', () => {
    const inOrder = fold([requested, started, completed]);
    const requestLast = fold([started, completed, requested]);
    expect(requestLast).toEqual(inOrder);
  });

  it('is idempotent: applying an event twice changes nothing', () => {
    expect(fold([requested, started, started, completed, completed])).toEqual(
      fold([requested, started, completed]),
    );
  });

  it('never leaves a terminal state', () => {
    const state = fold([requested, completed, started, progress(7, 'late'), failed]);
    expect(state.status).toBe('completed');
    expect(state.progress).toBeNull();
    expect(state.error).toBeNull();
  });

  it('keeps the newest progress only', () => {
    const state = fold([requested, progress(2, 'second'), progress(1, 'first')]);
    expect(state.progress?.step).toBe('second');
    expect(state.status).toBe('running');
  });

  it('records the failure of a run', () => {
    const state = fold([requested, started, failed]);
    expect(state.status).toBe('failed');
    expect(state.error).toEqual({ code: 'x', message: 'boom' });
    expect(state.finishedAt).toBe('2026-01-01T00:00:04.000Z');
  });

  it('ends a cancelled run as cancelled, and a finished run stays finished', () => {
    const cancelled: RunEvent = {
      ...base,
      id: 'e5',
      type: 'ff.run.cancelled',
      subject: `ff.run.${runId}.cancelled`,
      time: '2026-01-01T00:00:05.000Z',
      data: { runId, reason: 'user asked', cancelledAt: '2026-01-01T00:00:05.000Z' },
    };
    const state = fold([requested, started, progress(1, 'scan'), cancelled]);
    expect(state).toMatchObject({
      status: 'cancelled',
      progress: null,
      finishedAt: '2026-01-01T00:00:05.000Z',
    });
    expect(fold([requested, started, completed, cancelled]).status).toBe('completed');
  });
});

describe('evolveRun with fuzzing counters', () => {
  const stats = (executions: number, phase: 'running' | 'final', at: string, seq: number): RunEvent => ({
    ...base,
    id: `f${seq}-${at}`,
    type: 'ff.run.progress',
    subject: `ff.run.${runId}.progress`,
    time: at,
    data: {
      runId,
      seq,
      step: `fuzz:${phase}`,
      message: 'fuzzing',
      at,
      fuzzing: {
        project: 'acme',
        engine: 'libfuzzer',
        harness: 'fuzz/parse',
        executions,
        execsPerSecond: 1000,
        coverage: 10,
        coverageUnit: 'features',
        corpusSize: 3,
        crashes: 0,
        uniqueCrashes: 0,
        elapsedSeconds: 1,
        phase,
      },
    },
  });

  it('records the project of the request, default when the request has none', () => {
    expect(fold([requested]).project).toBe('default');
    const inProject = { ...requested, data: { ...requested.data, project: 'acme' } };
    expect(fold([inProject]).project).toBe('acme');
  });

  it('keeps the latest counters by time, also from a retried attempt that numbers its progress anew', () => {
    const run = fold([
      requested,
      started,
      stats(100, 'running', '2026-01-01T00:00:05.000Z', 7),
      stats(50, 'running', '2026-01-01T00:00:09.000Z', 1),
      stats(10, 'running', '2026-01-01T00:00:04.000Z', 6),
    ]);
    expect(run.fuzzing?.executions).toBe(50);
  });

  it('keeps the final counters over a later running snapshot of a stale attempt', () => {
    const run = fold([
      requested,
      started,
      stats(900, 'final', '2026-01-01T00:00:05.000Z', 9),
      stats(10, 'running', '2026-01-01T00:00:06.000Z', 1),
    ]);
    expect(run.fuzzing).toMatchObject({ executions: 900, phase: 'final' });
  });

  it('keeps the final counters after the run completed', () => {
    const run = fold([requested, started, stats(900, 'final', '2026-01-01T00:00:02.500Z', 9), completed]);
    expect(run.status).toBe('completed');
    expect(run.fuzzing).toMatchObject({ executions: 900, phase: 'final' });
    expect(run.progress).toBeNull();
  });
});
