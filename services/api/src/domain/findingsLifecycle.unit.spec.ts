import { describe, expect, it } from 'vitest';
import type { TriageHistoryEntry } from '@fuzzforge/contracts';
import {
  baselineStateOf,
  fixedFingerprints,
  gatingCounts,
  lifecycleOf,
  withDecision,
} from './findingsLifecycle';

describe('finding lifecycle in a run', () => {
  it('marks a finding new in the run that first reported it, recurring in the others', () => {
    expect(lifecycleOf('run-1', 'run-1')).toBe('new');
    expect(lifecycleOf('run-2', 'run-1')).toBe('recurring');
    expect(baselineStateOf('new')).toBe('new');
    expect(baselineStateOf('recurring')).toBe('unchanged');
    expect(baselineStateOf(null)).toBeUndefined();
  });

  it('counts as fixed what the baseline reported and the run does not', () => {
    expect(fixedFingerprints(['a', 'b', 'c'], ['b', 'd'])).toEqual(['a', 'c']);
    expect(fixedFingerprints([], ['a'])).toEqual([]);
    expect(fixedFingerprints(['a'], ['a'])).toEqual([]);
  });

  it('leaves suppressed findings out of the gating counts, and only those', () => {
    expect(
      gatingCounts([
        { severity: 'critical', status: 'open', count: 2 },
        { severity: 'critical', status: 'false_positive', count: 1 },
        { severity: 'high', status: 'accepted_risk', count: 3 },
        { severity: 'high', status: 'fixed', count: 1 },
        { severity: 'low', status: 'open', count: 1 },
      ]),
    ).toEqual({ critical: 2, high: 1, medium: 0, low: 1, info: 0 });
  });
});

describe('withDecision', () => {
  const history: TriageHistoryEntry[] = [
    {
      kind: 'triage',
      status: 'fixed',
      comment: null,
      triagedBy: null,
      at: '2026-01-01T00:00:00.000Z',
      run: null,
    },
  ];
  const finding = { id: 'fnd_1', status: 'fixed' as const, suppressed: false, history };

  it('applies a decision taken now: its status, suppression and a last history entry', () => {
    const after = withDecision(finding, {
      status: 'false_positive',
      comment: 'test fixture',
      triagedBy: 'key_9',
      at: '2026-01-02T00:00:00.000Z',
    });
    expect(after).toEqual({
      id: 'fnd_1',
      status: 'false_positive',
      suppressed: true,
      history: [
        ...history,
        {
          kind: 'triage',
          status: 'false_positive',
          comment: 'test fixture',
          triagedBy: 'key_9',
          at: '2026-01-02T00:00:00.000Z',
          run: null,
        },
      ],
    });
    expect(finding.history).toHaveLength(1);
  });

  it('records an anonymous decision without a comment as nulls', () => {
    const after = withDecision(finding, { status: 'open', at: '2026-01-02T00:00:00.000Z' });
    expect(after.suppressed).toBe(false);
    expect(after.history.at(-1)).toMatchObject({ comment: null, triagedBy: null });
  });
});
