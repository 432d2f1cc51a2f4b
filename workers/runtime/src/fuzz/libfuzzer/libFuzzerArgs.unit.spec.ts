import { describe, expect, it } from 'vitest';
import { inputLimitArgs, libFuzzerSessionArgs } from './libFuzzerArgs';

const budget = { durationSeconds: 30.7, jobs: 1, timeoutPerInputMs: 1500, memoryMb: 2048 };
const dirs = { corpusDir: '/s/corpus', crashDir: '/s/crashes' };

describe('libFuzzerSessionArgs', () => {
  it('runs one process on the budget, writing artifacts into the crash directory, corpus last', () => {
    expect(libFuzzerSessionArgs({ budget, ...dirs })).toEqual({
      mode: 'single',
      args: [
        '-max_total_time=30',
        '-timeout=2',
        '-rss_limit_mb=2048',
        '-artifact_prefix=/s/crashes/',
        '-print_final_stats=1',
        '/s/corpus',
      ],
    });
    expect(libFuzzerSessionArgs({ budget, ...dirs, crashDir: '/s/crashes/' }).args).toContain(
      '-artifact_prefix=/s/crashes/',
    );
  });

  it('caps executions, forks for jobs > 1 without ignoring any kind of crash, and takes a dictionary', () => {
    const { args, mode } = libFuzzerSessionArgs({
      budget: { ...budget, jobs: 4, maxExecutions: 100000, timeoutPerInputMs: 10 },
      ...dirs,
      dictionary: '/w/fuzz/fuzz_parse.dict',
    });
    expect(mode).toBe('fork');
    expect(args).toEqual(
      expect.arrayContaining([
        '-runs=100000',
        '-fork=4',
        '-ignore_timeouts=0',
        '-ignore_ooms=0',
        '-timeout=1',
      ]),
    );
    expect(args).not.toContain('-ignore_crashes=1');
    expect(args.some((a) => a.startsWith('-seed='))).toBe(false);
    expect(args.slice(-2)).toEqual(['-dict=/w/fuzz/fuzz_parse.dict', '/s/corpus']);
  });
});

describe('a seeded session', () => {
  it('passes the seed on, so the same seed and corpus repeat the session', () => {
    expect(libFuzzerSessionArgs({ budget: { ...budget, seed: 42 }, ...dirs }).args).toContain('-seed=42');
  });
});

describe('inputLimitArgs', () => {
  it('gives the per-input limits in libFuzzer’s units, at least a second', () => {
    expect(inputLimitArgs({ timeoutPerInputMs: 5000, memoryMb: 2048 })).toEqual([
      '-timeout=5',
      '-rss_limit_mb=2048',
    ]);
    expect(inputLimitArgs({ timeoutPerInputMs: 200, memoryMb: 512 })[0]).toBe('-timeout=1');
  });
});
