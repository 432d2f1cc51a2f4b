import { describe, expect, it } from 'vitest';
import { fuzzArgs, mergeArgs, minimizeArgs, reproduceArgs } from './libFuzzerArgs';

describe('libFuzzer command lines', () => {
  const budget = { durationSeconds: 90.7, jobs: 1, timeoutPerInputMs: 1500, memoryMb: 1024 };

  it('turns a budget into flags: whole seconds, limits, crash prefix, corpus last', () => {
    expect(fuzzArgs('/s/corpus', '/s/crashes', budget)).toEqual([
      '-max_total_time=90',
      '-timeout=2',
      '-rss_limit_mb=1024',
      '-artifact_prefix=/s/crashes/',
      '-print_final_stats=1',
      '/s/corpus',
    ]);
  });

  it('caps executions and forks jobs when asked', () => {
    const args = fuzzArgs('/c', '/x', { ...budget, maxExecutions: 5000, jobs: 4, timeoutPerInputMs: 200 });
    expect(args).toEqual(expect.arrayContaining(['-runs=5000', '-fork=4', '-timeout=1']));
    expect(args.at(-1)).toBe('/c');
  });

  it('re-runs, minimizes and merges under the same per-input limits', () => {
    const limits = { timeoutPerInputMs: 5000, memoryMb: 2048 };
    expect(reproduceArgs('/in/crash-1', limits)).toEqual(['-timeout=5', '-rss_limit_mb=2048', '/in/crash-1']);
    expect(minimizeArgs('/in/crash-1', '/out/min', limits)).toEqual([
      '-minimize_crash=1',
      '-runs=4096',
      '-max_total_time=10',
      '-timeout=5',
      '-rss_limit_mb=2048',
      '-exact_artifact_path=/out/min',
      '/in/crash-1',
    ]);
    expect(mergeArgs('/out', ['/a', '/b'], { controlFile: '/t/m.txt', crashDir: '/t/c' }, limits)).toEqual([
      '-merge=1',
      '-merge_control_file=/t/m.txt',
      '-timeout=5',
      '-rss_limit_mb=2048',
      '-artifact_prefix=/t/c/',
      '/out',
      '/a',
      '/b',
    ]);
  });
});
