import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FuzzCounters } from '../fuzzEngine';
import { parseLibFuzzerCounters, type LibFuzzerMode } from './libFuzzerCounters';

// Sessions of the three libFuzzer engines, recorded beside the engines whose crash parsers read them too
// (each README says how); the one only this test reads is here.
const recordedIn =
  (dir: string) =>
  (name: string): string[] =>
    readFileSync(new URL(`${dir}/${name}`, import.meta.url), 'utf8').split('\n');
const libfuzzer = recordedIn('../../../../native/src/__recorded__');
const atheris = recordedIn('../../../../python/src/__recorded__');
const cargoFuzz = recordedIn('../../../../rust/src/__recorded__');
const here = recordedIn('../__recorded__');

/** Every update a session's lines give, and the counters they add up to. */
function replay(lines: string[], mode: LibFuzzerMode): { updates: FuzzCounters[]; final: FuzzCounters } {
  const updates = lines.flatMap((line) => parseLibFuzzerCounters(line, mode) ?? []);
  return { updates, final: Object.assign({}, ...updates) as FuzzCounters };
}

describe('parseLibFuzzerCounters', () => {
  it('reads INITED, NEW and REDUCE lines, then the final stats, of a session that crashed', () => {
    const { updates, final } = replay(libfuzzer('libfuzzer-fuzz-parse-crash.txt'), 'single');
    expect(updates[0]).toEqual({ executions: 2, coverage: 5, corpusSize: 1, execsPerSecond: 0 });
    expect(updates).toContainEqual({ executions: 857, coverage: 12, corpusSize: 4, execsPerSecond: 857 });
    expect(final).toEqual({ executions: 861, coverage: 12, corpusSize: 4, execsPerSecond: 861 });
  });

  it('reads pulse and DONE lines of a session that ended on its budget', () => {
    const { updates, final } = replay(libfuzzer('libfuzzer-fuzz-parse-budget.txt'), 'single');
    expect(updates).toContainEqual({
      executions: 4194304,
      coverage: 6,
      corpusSize: 2,
      execsPerSecond: 2097152,
    });
    expect(final).toEqual({ executions: 8350238, coverage: 6, corpusSize: 2, execsPerSecond: 1391706 });
  });

  it('reads an atheris session the same way, ending on its final stats', () => {
    const { updates } = replay(atheris('atheris-exception-fuzz.txt'), 'single');
    expect(updates[0]).toEqual({ executions: 2, coverage: 2, corpusSize: 1, execsPerSecond: 0 });
    expect(updates[2]).toEqual({ executions: 285, coverage: 5, corpusSize: 3, execsPerSecond: 0 });
    expect(updates.slice(-2)).toEqual([{ executions: 19055 }, { execsPerSecond: 0 }]);
  });

  it('reads cargo-fuzz sessions that ended on the budget and at a panic', () => {
    const budget = replay(cargoFuzz('session-budget.txt'), 'single');
    expect(budget.updates.length).toBeGreaterThan(20);
    expect(budget.final).toEqual({ executions: 272197, execsPerSecond: 45366, coverage: 77, corpusSize: 33 });
    expect(replay(cargoFuzz('session-panic.txt'), 'single').final).toMatchObject({
      executions: 45074,
      coverage: 34,
    });
  });

  it('leaves out what a status line does not print', () => {
    // A merge's DONE line has no corpus; a harness without coverage yet has neither cov nor ft.
    expect(parseLibFuzzerCounters('#16\tDONE   cov: 46 ft: 46 exec/s: 0 rss: 33Mb', 'single')).toEqual({
      executions: 16,
      coverage: 46,
      execsPerSecond: 0,
    });
    expect(parseLibFuzzerCounters('#2\tINITED exec/s: 0 rss: 30Mb', 'single')).toEqual({
      executions: 2,
      execsPerSecond: 0,
    });
  });

  it('in fork mode reads only the parent’s lines, not the crashed job’s log and final stats it replays', () => {
    const native = replay(libfuzzer('libfuzzer-fuzz-parse-fork.txt'), 'fork');
    expect(native.updates).toEqual([{ executions: 1149, coverage: 0, corpusSize: 0, execsPerSecond: 0 }]);
    // Read as a single process, the same output would move the counters back to the job's own.
    expect(replay(libfuzzer('libfuzzer-fuzz-parse-fork.txt'), 'single').updates[0]?.executions).toBe(2);
    expect(replay(atheris('atheris-fork-fuzz.txt'), 'fork').updates).toEqual([
      { executions: 19055, coverage: 0, corpusSize: 0, execsPerSecond: 0 },
    ]);
    expect(replay(cargoFuzz('session-fork-panic.txt'), 'fork').final).toMatchObject({
      executions: 12431,
      coverage: 0,
    });
  });

  it('in fork mode reads each of the parent’s lines (`exec/s:` with a colon in newer libFuzzers)', () => {
    const { updates, final } = replay(here('session-fork-budget.txt'), 'fork');
    expect(updates).toHaveLength(3);
    expect(final).toEqual({ executions: 195989, coverage: 88, corpusSize: 28, execsPerSecond: 23261 });
    expect(replay(here('session-fork-budget.txt'), 'single').final.executions).toBeUndefined();
  });

  it('ignores every other line', () => {
    const others = [
      'INFO: Seed: 1',
      'MS: 1 CrossOver-',
      'MS: 1 EraseBytes-; base unit: 0000',
      '    #0 0x1 in f /a.c:1:1',
      '#0 0x55d0 in main',
      'stat::peak_rss_mb:              41',
      '',
    ];
    for (const line of others) {
      expect(parseLibFuzzerCounters(line, 'single')).toBeUndefined();
      expect(parseLibFuzzerCounters(line, 'fork')).toBeUndefined();
    }
  });
});
