import { describe, expect, it } from 'vitest';
import { aflFuzzArgs, aflFuzzEnv, aflInstanceNames } from './aflArgs';

const budget = { durationSeconds: 45.9, jobs: 1, timeoutPerInputMs: 1000, memoryMb: 2048 };
const paths = { seeds: '/s/seeds', out: '/s/out', binary: '/b/fuzz_parse' };

describe('aflFuzzArgs', () => {
  it('runs one instance on the budget, with the dictionaries, and no memory limit of its own', () => {
    expect(
      aflFuzzArgs({ budget, instance: 'default', ...paths, dictionaries: ['/w/a.dict', '/b/afl.dict'] }),
    ).toEqual([
      ...['-i', '/s/seeds', '-o', '/s/out', '-V', '45', '-t', '1000', '-m', 'none'],
      ...['-x', '/w/a.dict', '-x', '/b/afl.dict', '--', '/b/fuzz_parse'],
    ]);
  });

  it('names a main and secondaries for jobs > 1 and shares the execution cap between them', () => {
    const jobs = { ...budget, jobs: 3, maxExecutions: 1000 };
    expect(aflInstanceNames(3)).toEqual(['main', 'secondary-1', 'secondary-2']);
    const main = aflFuzzArgs({ budget: jobs, instance: 'main', ...paths, dictionaries: [] });
    const secondary = aflFuzzArgs({ budget: jobs, instance: 'secondary-2', ...paths, dictionaries: [] });
    expect(main).toEqual(expect.arrayContaining(['-E', '334', '-M', 'main']));
    expect(secondary).toEqual(expect.arrayContaining(['-E', '334', '-S', 'secondary-2']));
    expect(aflInstanceNames(1)).toEqual(['default']);
  });
});

describe('aflFuzzEnv', () => {
  it('passes the ASan options afl-fuzz insists on, with allocations capped at the memory limit', () => {
    const env = aflFuzzEnv(512);
    expect(env['ASAN_OPTIONS']).toMatch(/(^|:)abort_on_error=1(:|$)/);
    expect(env['ASAN_OPTIONS']).toMatch(/(^|:)symbolize=0(:|$)/);
    expect(env['ASAN_OPTIONS']).toMatch(/(^|:)malloc_limit_mb=512(:|$)/);
    expect(env).toMatchObject({ AFL_NO_UI: '1', AFL_SKIP_CPUFREQ: '1', AFL_NO_AFFINITY: '1' });
  });
});
