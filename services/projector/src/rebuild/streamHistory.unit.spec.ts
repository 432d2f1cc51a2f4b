import { describe, expect, it } from 'vitest';
import { hasLostHistory } from './streamHistory';

describe('hasLostHistory', () => {
  it('accepts a stream that kept everything, or never stored anything', () => {
    expect(hasLostHistory({ messages: 10, first_seq: 1, last_seq: 10, num_deleted: 0 })).toBe(false);
    expect(hasLostHistory({ messages: 0, first_seq: 0, last_seq: 0, num_deleted: 0 })).toBe(false);
  });

  it('flags a stream whose oldest messages went (limits), all of them (purge) or some (deletes)', () => {
    expect(hasLostHistory({ messages: 5, first_seq: 6, last_seq: 10, num_deleted: 0 })).toBe(true);
    expect(hasLostHistory({ messages: 0, first_seq: 11, last_seq: 10, num_deleted: 0 })).toBe(true);
    expect(hasLostHistory({ messages: 9, first_seq: 1, last_seq: 10, num_deleted: 1 })).toBe(true);
  });
});
