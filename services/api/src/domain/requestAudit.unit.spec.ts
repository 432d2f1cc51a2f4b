import { describe, expect, it } from 'vitest';
import { outcomeOf } from './requestAudit';

describe('outcomeOf', () => {
  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [304, 'ok'],
    [400, 'rejected'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'rejected'],
    [429, 'rate-limited'],
    [500, 'error'],
    [503, 'error'],
  ] as const)('%i is %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});
