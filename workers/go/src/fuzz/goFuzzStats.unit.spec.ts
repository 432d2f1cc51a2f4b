import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseGoFuzzCounters } from './goFuzzStats';

describe('parseGoFuzzCounters', () => {
  it("reads Go's status lines, the corpus total standing in for coverage", async () => {
    const output = await readFile(new URL('../__recorded__/go-fuzz-budget.txt', import.meta.url), 'utf8');
    const counters = output.split('\n').flatMap((line) => parseGoFuzzCounters(line) ?? []);
    expect(counters).toEqual([
      { executions: 0 },
      { executions: 1 },
      { executions: 252996, execsPerSecond: 84274, coverage: 13, corpusSize: 13 },
      { executions: 502772, execsPerSecond: 83306, coverage: 13, corpusSize: 13 },
      { executions: 579143, execsPerSecond: 69069, coverage: 13, corpusSize: 13 },
    ]);
  });

  it('counts the seeds a baseline line says ran: a crash in the first 3 s leaves no status line', () => {
    expect(
      parseGoFuzzCounters(
        'fuzz: elapsed: 0s, gathering baseline coverage: 1/1 completed, now fuzzing with 2 workers',
      ),
    ).toEqual({ executions: 1 });
  });

  it('ignores failure lines', () => {
    expect(parseGoFuzzCounters('--- FAIL: FuzzParse (0.18s)')).toBeUndefined();
  });
});
