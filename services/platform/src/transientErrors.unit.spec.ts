import { describe, expect, it } from 'vitest';
import { isTransientError } from './transientErrors';

describe('isTransientError', () => {
  it('recognises unreachable dependencies', () => {
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isTransientError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isTransientError(Object.assign(new Error('unavailable'), { code: 14 }))).toBe(true);
    expect(isTransientError(new Error('wrapped', { cause: { code: 'ECONNRESET' } }))).toBe(true);
  });

  it('does not excuse ordinary failures', () => {
    expect(isTransientError(new Error('duplicate key'))).toBe(false);
    expect(isTransientError(Object.assign(new Error('bad'), { code: '23505' }))).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });
});
