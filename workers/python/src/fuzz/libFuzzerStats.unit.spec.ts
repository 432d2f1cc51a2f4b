import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { FuzzCounters } from '@fuzzforge/worker-runtime';
import { parseLibFuzzerCounters } from './libFuzzerStats';

const recorded = (name: string) => readFile(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');

const countersOf = (output: string, fork = false): FuzzCounters[] =>
  output
    .split('\n')
    .map((line) => parseLibFuzzerCounters(line, fork))
    .filter((c): c is FuzzCounters => c !== undefined);

describe('parseLibFuzzerCounters', () => {
  it('reads status lines and the final stats of a session', async () => {
    const counters = countersOf(await recorded('atheris-exception-fuzz.txt'));
    expect(counters[0]).toEqual({ executions: 2, coverage: 2, corpusSize: 1, execsPerSecond: 0 });
    expect(counters[2]).toEqual({ executions: 285, coverage: 5, corpusSize: 3, execsPerSecond: 0 });
    expect(counters.slice(-2)).toEqual([{ executions: 19055 }, { execsPerSecond: 0 }]);
  });

  it("in fork mode counts only the parent's lines, not the jobs' replayed logs", async () => {
    const counters = countersOf(await recorded('atheris-fork-fuzz.txt'), true);
    expect(counters).toEqual([{ executions: 19055, coverage: 0, corpusSize: 0, execsPerSecond: 0 }]);
  });

  it('ignores everything else', () => {
    expect(parseLibFuzzerCounters('INFO: Seed: 1')).toBeUndefined();
    expect(parseLibFuzzerCounters('stat::peak_rss_mb:              41')).toBeUndefined();
  });
});
