import { describe, expect, it } from 'vitest';
import { decideOnFailure } from './redelivery';

const policy = { maxDeliver: 4, baseDelayMs: 100, maxDelayMs: 350 };

describe('decideOnFailure', () => {
  it('dead-letters a poison message on its first delivery', () => {
    expect(decideOnFailure(1, 'poison', policy)).toEqual({ action: 'dead-letter' });
  });

  it('retries with exponential back-off capped at the maximum', () => {
    expect(decideOnFailure(1, 'failed', policy)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure(2, 'failed', policy)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure(3, 'failed', policy)).toEqual({ action: 'retry', delayMs: 350 });
  });

  it('dead-letters once the delivery budget is spent', () => {
    expect(decideOnFailure(4, 'failed', policy)).toEqual({ action: 'dead-letter' });
    expect(decideOnFailure(9, 'failed', policy)).toEqual({ action: 'dead-letter' });
  });

  it('keeps retrying while a dependency is down, at the capped delay', () => {
    expect(decideOnFailure(50, 'transient', policy)).toEqual({ action: 'retry', delayMs: 350 });
  });
});
