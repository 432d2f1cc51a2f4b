import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { combineAflStats, parseAflFuzzerStats } from './aflStats';

const recorded = readFileSync(
  new URL('../__recorded__/afl-fuzz-parse-fuzzer_stats.txt', import.meta.url),
  'utf8',
);

describe('parseAflFuzzerStats', () => {
  it('reads executions, speed, edges, corpus and saved crashes from a real fuzzer_stats', () => {
    expect(parseAflFuzzerStats(recorded)).toEqual({
      executions: 31313,
      execsPerSecond: 3128.8,
      coverage: 63,
      corpusSize: 15,
      crashes: 5,
    });
  });

  it('reads older AFL’s names, and nothing from a file not yet written', () => {
    expect(parseAflFuzzerStats('paths_total : 7\nunique_crashes : 2\nbitmap_cvg : 1.5%\n')).toEqual({
      corpusSize: 7,
      crashes: 2,
    });
    expect(parseAflFuzzerStats('')).toEqual({});
  });
});

describe('combineAflStats', () => {
  it('adds up executions, speed and crashes of instances, and takes the best coverage and corpus', () => {
    expect(
      combineAflStats([
        { executions: 10, execsPerSecond: 5, coverage: 40, corpusSize: 9, crashes: 1 },
        { executions: 20, execsPerSecond: 7, coverage: 42, corpusSize: 8 },
        {},
      ]),
    ).toEqual({ executions: 30, execsPerSecond: 12, coverage: 42, corpusSize: 9, crashes: 1 });
    expect(combineAflStats([{}, {}])).toEqual({});
  });
});
