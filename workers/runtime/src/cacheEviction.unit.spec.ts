import { describe, expect, it } from 'vitest';
import { chooseEvictions } from './cacheEviction';
import type { CacheEntryInfo } from './cacheEviction';

const entry = (sha256: string, bytes: number, lastUsed: number, inUse = false): CacheEntryInfo => ({
  sha256,
  bytes,
  lastUsed,
  inUse,
});

describe('chooseEvictions', () => {
  it('evicts nothing while the cache and the incoming bytes fit', () => {
    expect(chooseEvictions([entry('a', 40, 1), entry('b', 40, 2)], 100, 20)).toEqual([]);
    expect(chooseEvictions([], 100, 100)).toEqual([]);
  });

  it('evicts least recently used entries first, and only as many as needed', () => {
    const entries = [entry('new', 30, 300), entry('old', 30, 100), entry('mid', 30, 200)];
    expect(chooseEvictions(entries, 100, 20)).toEqual(['old']);
    expect(chooseEvictions(entries, 100, 50)).toEqual(['old', 'mid']);
  });

  it('never evicts an entry in use, even when it is the oldest and the largest', () => {
    const entries = [entry('busy', 500, 1, true), entry('idle', 10, 50)];
    expect(chooseEvictions(entries, 100, 0)).toEqual(['idle']);
  });

  it('returns every idle entry when in-use entries alone exceed the budget', () => {
    const entries = [
      entry('busy1', 80, 1, true),
      entry('busy2', 80, 2, true),
      entry('x', 5, 3),
      entry('y', 5, 4),
    ];
    expect(chooseEvictions(entries, 100, 0)).toEqual(['x', 'y']);
  });

  it('breaks ties in last use by sha256 so the choice is deterministic', () => {
    const entries = [entry('bbb', 60, 7), entry('aaa', 60, 7)];
    expect(chooseEvictions(entries, 100, 0)).toEqual(['aaa']);
  });
});
