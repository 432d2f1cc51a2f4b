import { describe, expect, it } from 'vitest';
import { isAbandoned, isStale, ownedName, parseOwner, trashName, writerPid } from './lockOwner';

const self = { pid: 100, start: 'boot:500', instance: 'cache-a' };
const uuid = '0b7c4a52-3f4e-4a53-9d1e-2f6a1c9e8b11';

describe('isStale', () => {
  it('keeps what a live process owns and releases what a dead one owned', () => {
    expect(isStale({ pid: 7, start: 'boot:1' }, { start: 'boot:1' }, self)).toBe(false);
    expect(isStale({ pid: 7, start: 'boot:1' }, undefined, self)).toBe(true);
  });

  it('takes a pid recycled by a later process for a dead owner', () => {
    expect(isStale({ pid: 7, start: 'boot:1' }, { start: 'boot:99' }, self)).toBe(true);
    // A reboot reuses tick counts; the boot id tells them apart.
    expect(isStale({ pid: 7, start: 'old-boot:1' }, { start: 'boot:1' }, self)).toBe(true);
  });

  it('falls back to the pid alone when either side has no start time', () => {
    expect(isStale({ pid: 7 }, { start: 'boot:1' }, self)).toBe(false);
    expect(isStale({ pid: 7, start: 'boot:1' }, {}, self)).toBe(false);
  });

  it('within this process, counts only this cache instance as alive', () => {
    const here = { start: self.start };
    expect(isStale(self, here, self)).toBe(false);
    expect(isStale({ ...self, instance: 'cache-b' }, here, self)).toBe(true);
    // This pid in an earlier life, e.g. the previous container whose worker also ran as pid 100.
    expect(isStale({ ...self, start: 'boot:3' }, here, self)).toBe(true);
  });
});

describe('parseOwner', () => {
  it('reads what a lock holds and rejects what no process could have written', () => {
    expect(parseOwner('{"pid":42,"start":"b:1","instance":"i","token":"t"}\n')).toEqual({
      pid: 42,
      start: 'b:1',
      instance: 'i',
    });
    expect(parseOwner('{"pid":42}')).toEqual({ pid: 42 });
    for (const text of ['', '{"pid"', '{"pid":0}', '{"pid":-1}', '{"pid":"42"}', 'null', '42']) {
      expect(parseOwner(text)).toBeUndefined();
    }
  });
});

describe('leftover names', () => {
  it('carries the writer pid through temporaries, lock drafts and trash', () => {
    expect(writerPid(ownedName('archive', 'tmp', 4242, uuid))).toBe(4242);
    expect(writerPid(ownedName('x.lock', 'draft', 7, uuid))).toBe(7);
    expect(writerPid(trashName(99, uuid))).toBe(99);
    expect(writerPid('archive.tmp-123')).toBeUndefined();
    expect(writerPid('archive')).toBeUndefined();
  });

  it('abandons a leftover of a dead writer, of this pid in an earlier life, or without a pid', () => {
    expect(isAbandoned(7, true, 100)).toBe(false);
    expect(isAbandoned(7, false, 100)).toBe(true);
    expect(isAbandoned(100, true, 100)).toBe(true);
    expect(isAbandoned(undefined, false, 100)).toBe(true);
  });
});
