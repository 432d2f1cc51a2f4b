import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FuzzCounters } from '@fuzzforge/worker-runtime';
import { parseLibFuzzerStatus, type LibFuzzerMode } from './libfuzzerStatus';

const recorded = (name: string): string[] =>
  readFileSync(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8').split('\n');

/** Every update a session's lines give, and the counters they add up to. */
function replay(name: string, mode: LibFuzzerMode): { updates: FuzzCounters[]; final: FuzzCounters } {
  const updates = recorded(name).flatMap((line) => parseLibFuzzerStatus(line, mode) ?? []);
  return { updates, final: Object.assign({}, ...updates) as FuzzCounters };
}

describe('parseLibFuzzerStatus', () => {
  it('reads INITED, NEW and REDUCE lines, then the final stats, of a session that crashed', () => {
    const { updates, final } = replay('libfuzzer-fuzz-parse-crash.txt', 'single');
    expect(updates[0]).toEqual({ executions: 2, coverage: 5, corpusSize: 1, execsPerSecond: 0 });
    expect(updates).toContainEqual({ executions: 857, coverage: 12, corpusSize: 4, execsPerSecond: 857 });
    expect(final).toEqual({ executions: 861, coverage: 12, corpusSize: 4, execsPerSecond: 861 });
  });

  it('reads pulse and DONE lines of a session that ended on its budget', () => {
    const { updates, final } = replay('libfuzzer-fuzz-parse-budget.txt', 'single');
    expect(updates).toContainEqual({
      executions: 4194304,
      coverage: 6,
      corpusSize: 2,
      execsPerSecond: 2097152,
    });
    expect(final).toEqual({ executions: 8350238, coverage: 6, corpusSize: 2, execsPerSecond: 1391706 });
  });

  it('in fork mode reads only the parent’s lines, not the crashed job’s log it replays', () => {
    const { updates, final } = replay('libfuzzer-fuzz-parse-fork.txt', 'fork');
    expect(updates).toEqual([{ executions: 1149, coverage: 0, corpusSize: 0, execsPerSecond: 0 }]);
    expect(final.executions).toBe(1149);
    // Read as a single process, the same output would move the counters back to the job's own.
    expect(replay('libfuzzer-fuzz-parse-fork.txt', 'single').updates[0]?.executions).toBe(2);
  });

  it('ignores every other line', () => {
    for (const line of ['INFO: Seed: 1', 'MS: 1 CrossOver-', '    #0 0x1 in f /a.c:1:1', '']) {
      expect(parseLibFuzzerStatus(line, 'single')).toBeUndefined();
      expect(parseLibFuzzerStatus(line, 'fork')).toBeUndefined();
    }
  });
});
