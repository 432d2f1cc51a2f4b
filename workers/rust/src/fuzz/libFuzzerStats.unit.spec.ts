import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FuzzCounters } from '@fuzzforge/worker-runtime';
import { libFuzzerCounters, mergeCounters } from './libFuzzerStats';

const recorded = (name: string): string[] =>
  readFileSync(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8').split('\n');

const session = (name: string, fork: boolean): { updates: number; final: FuzzCounters } => {
  let final: FuzzCounters = {};
  let updates = 0;
  for (const line of recorded(name)) {
    const counters = libFuzzerCounters(line, fork);
    if (!counters) continue;
    updates += 1;
    final = mergeCounters(final, counters);
  }
  return { updates, final };
};

describe('libFuzzerCounters', () => {
  it('reads status lines: executions, features as coverage, corpus size, speed', () => {
    expect(
      libFuzzerCounters('#4096\tpulse  cov: 26 ft: 30 corp: 3/14b lim: 43 exec/s: 2048 rss: 38Mb', false),
    ).toEqual({ executions: 4096, coverage: 30, corpusSize: 3, execsPerSecond: 2048 });
    expect(libFuzzerCounters('#16\tDONE   cov: 46 ft: 46 exec/s: 0 rss: 33Mb', false)).toEqual({
      executions: 16,
      coverage: 46,
      execsPerSecond: 0,
    });
  });

  it('ends a session that spent its budget on the final stats', () => {
    const { updates, final } = session('session-budget.txt', false);
    expect(updates).toBeGreaterThan(20);
    expect(final).toEqual({ executions: 272197, execsPerSecond: 45366, coverage: 77, corpusSize: 33 });
  });

  it('ends a session stopped by a crash with the executions until then', () => {
    expect(session('session-panic.txt', false).final).toMatchObject({ executions: 45074, coverage: 34 });
  });

  it("reads only fork mode's own lines, not a job's replayed log", () => {
    expect(session('session-fork-budget.txt', false).final.executions).toBeUndefined();
    expect(session('session-fork-budget.txt', true)).toEqual({
      updates: 3,
      final: { executions: 195989, coverage: 88, corpusSize: 28, execsPerSecond: 23261 },
    });
    expect(session('session-fork-panic.txt', true).final).toMatchObject({ executions: 12431, coverage: 0 });
  });

  it('ignores every other line', () => {
    expect(libFuzzerCounters('INFO: Seed: 2600588288', false)).toBeUndefined();
    expect(libFuzzerCounters('MS: 1 EraseBytes-; base unit: 0000', true)).toBeUndefined();
  });
});
