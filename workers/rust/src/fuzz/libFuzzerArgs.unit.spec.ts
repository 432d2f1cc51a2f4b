import { describe, expect, it } from 'vitest';
import { mergeArgs, minimizeArgs, reproduceArgs } from './libFuzzerArgs';

describe('libFuzzer command lines of re-runs', () => {
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
