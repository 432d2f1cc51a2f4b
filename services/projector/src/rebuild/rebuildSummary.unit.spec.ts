import { describe, expect, it } from 'vitest';
import { formatSummary, type RebuildSummary } from './rebuildSummary';

const summary: RebuildSummary = {
  streams: [
    {
      stream: 'FF_TARGETS',
      consumer: 'projector-targets',
      applied: 2,
      duplicates: 0,
      skipped: 0,
      lastSeq: 2,
    },
    { stream: 'FF_RUNS', consumer: 'projector-runs', applied: 3, duplicates: 1, skipped: 0, lastSeq: 9 },
    {
      stream: 'FF_RUN_EVENTS',
      consumer: 'projector-run-events',
      applied: 40,
      duplicates: 0,
      skipped: 2,
      lastSeq: 44,
    },
  ],
  caughtUpUnderLock: 1,
  lockHeldMs: 12,
  durationMs: 1534,
  keptOld: null,
};

describe('formatSummary', () => {
  it('says per stream what was applied, and in total what was skipped', () => {
    expect(formatSummary(summary)).toBe(
      'read models rebuilt in 1.53 s: applied FF_TARGETS 2, FF_RUNS 3, FF_RUN_EVENTS 40; ' +
        'skipped 2 invalid, 1 duplicate; 1 caught up under a 12 ms lock; old schema dropped',
    );
  });

  it('names the old schema when it was kept', () => {
    expect(formatSummary({ ...summary, keptOld: 'ff_old_20260101000000000' })).toMatch(
      /old schema kept as ff_old_20260101000000000$/,
    );
  });
});
