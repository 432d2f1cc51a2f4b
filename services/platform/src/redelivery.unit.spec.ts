import { describe, expect, it } from 'vitest';
import { decideOnFailure } from './redelivery';

const policy = { maxDeliver: 4, baseDelayMs: 100, maxDelayMs: 350 };

describe('decideOnFailure', () => {
  it('dead-letters a poison message on its first delivery', () => {
    expect(decideOnFailure(1, true, policy)).toEqual({ action: 'dead-letter' });
  });

  it('retries with exponential back-off capped at the maximum', () => {
    expect(decideOnFailure(1, false, policy)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure(2, false, policy)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure(3, false, policy)).toEqual({ action: 'retry', delayMs: 350 });
  });

  it('dead-letters once the delivery budget is spent', () => {
    expect(decideOnFailure(4, false, policy)).toEqual({ action: 'dead-letter' });
    expect(decideOnFailure(9, false, policy)).toEqual({ action: 'dead-letter' });
  });
});
