import { describe, expect, it } from 'vitest';
import { chooseEvictions, toEvictionInfo } from './cacheEviction';
import type { CacheEntryInfo, TargetState } from './cacheEviction';

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

describe('toEvictionInfo with markers of other processes', () => {
  const self = { pid: 100, start: 'boot:1', instance: 'mine' };
  const alive = (start: string) => ({ start });
  const target = (sha256: string, lastUsed: number, over: Partial<TargetState> = {}): TargetState => ({
    sha256,
    bytes: 40,
    lastUsed,
    archivePresent: true,
    localRefs: 0,
    users: [],
    ...over,
  });
  const choose = (targets: TargetState[], maxBytes: number) =>
    chooseEvictions(
      targets.map((t) => toEvictionInfo(t, self)),
      maxBytes,
      0,
    );

  it('spares a target another live process uses, and evicts the next idle one instead', () => {
    const targets = [
      target('used-by-b', 1, { users: [{ owner: { pid: 200, start: 'boot:7' }, status: alive('boot:7') }] }),
      target('idle', 2),
      target('newest', 3),
    ];
    expect(choose(targets, 100)).toEqual(['idle']);
  });

  it('evicts a target whose only markers belong to processes that are gone', () => {
    const targets = [
      target('dead-user', 1, { users: [{ owner: { pid: 200, start: 'boot:7' }, status: undefined }] }),
      target('recycled-pid', 2, {
        users: [{ owner: { pid: 300, start: 'boot:7' }, status: alive('boot:9') }],
      }),
      target('newest', 3),
    ];
    expect(choose(targets, 50)).toEqual(['dead-user', 'recycled-pid']);
  });

  it('one live marker among stale ones keeps the target', () => {
    const users = [
      { owner: { pid: 200 }, status: undefined },
      { owner: { pid: 201 }, status: {} },
    ];
    expect(choose([target('a', 1, { users }), target('b', 2)], 50)).toEqual(['b']);
  });

  it('spares what this process holds and what is still being downloaded', () => {
    const targets = [
      target('held-here', 1, { localRefs: 1 }),
      target('downloading', 2, { archivePresent: false }),
      target('idle', 3),
    ];
    expect(choose(targets, 0)).toEqual(['idle']);
  });
});
