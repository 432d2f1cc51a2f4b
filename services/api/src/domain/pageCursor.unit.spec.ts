import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { decodeCursor, encodeCursor, pageLimit } from './pageCursor';

describe('page cursors', () => {
  it('round-trips a position', () => {
    const p = { key: '2026-11-29T04:00:00.000Z', id: '01J' };
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses a cursor it did not give out', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(ApiError);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(ApiError);
  });

  it('bounds the page size', () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit('500')).toBe(500);
    expect(() => pageLimit('0')).toThrow(ApiError);
    expect(() => pageLimit('x')).toThrow(ApiError);
  });
});
