import { describe, expect, it } from 'vitest';
import { zeroCounts } from '@fuzzforge/contracts';
import { describeCounts, gateDecision, parseSeverity } from './gating';

const counts = (c: Partial<ReturnType<typeof zeroCounts>>) => ({ ...zeroCounts(), ...c });

describe('gateDecision', () => {
  it('fails on findings at the threshold or above, counting only those', () => {
    const decision = gateDecision(counts({ critical: 1, high: 2, low: 5 }), 'high');
    expect(decision).toEqual({
      fail: true,
      count: 3,
      breakdown: [
        ['critical', 1],
        ['high', 2],
      ],
    });
    expect(describeCounts(decision.breakdown)).toBe('1 critical, 2 high');
  });

  it('passes when every finding is below the threshold', () => {
    expect(gateDecision(counts({ medium: 4, low: 1, info: 9 }), 'high')).toEqual({
      fail: false,
      count: 0,
      breakdown: [],
    });
  });

  it('orders severities critical > high > medium > low > info', () => {
    const onlyInfo = counts({ info: 1 });
    expect(gateDecision(onlyInfo, 'info').fail).toBe(true);
    expect(gateDecision(onlyInfo, 'low').fail).toBe(false);
    const onlyCritical = counts({ critical: 1 });
    for (const s of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      expect(gateDecision(onlyCritical, s).fail).toBe(true);
    }
    expect(gateDecision(counts({ high: 3 }), 'critical').fail).toBe(false);
  });
});

describe('parseSeverity', () => {
  it('accepts the five severities in any case and refuses others as usage errors', () => {
    expect(parseSeverity('HIGH')).toBe('high');
    expect(() => parseSeverity('severe')).toThrow(/critical, high, medium, low, info/);
  });
});
