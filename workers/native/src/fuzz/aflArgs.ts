import type { FuzzBudget } from '@fuzzforge/worker-runtime';

/** `default` is what afl-fuzz names a lone instance's directory; with jobs > 1, `main` and `secondary-N`. */
export const aflInstanceNames = (jobs: number): string[] =>
  jobs <= 1 ? ['default'] : ['main', ...Array.from({ length: jobs - 1 }, (_, i) => `secondary-${i + 1}`)];

export interface AflInstanceOptions {
  budget: FuzzBudget;
  instance: string;
  seeds: string;
  out: string;
  binary: string;
  /** Dictionaries: the harness's own and the comparison constants its build collected. */
  dictionaries: readonly string[];
}

/**
 * The command line of one afl-fuzz instance. `-V`/`-E` end it on the budget (AFL keeps fuzzing after
 * crashes); `-m none` because ASan reserves terabytes of shadow memory. With jobs > 1 the instances
 * share `out` and sync as main (`-M`) and secondaries (`-S`). Pure.
 */
export function aflFuzzArgs(o: AflInstanceOptions): string[] {
  const args = [
    '-i',
    o.seeds,
    '-o',
    o.out,
    '-V',
    String(Math.max(1, Math.floor(o.budget.durationSeconds))),
    '-t',
    String(Math.max(1, Math.round(o.budget.timeoutPerInputMs))),
    '-m',
    'none',
  ];
  if (o.budget.maxExecutions !== undefined) {
    // Each instance counts its own executions: the run's cap is shared out between them.
    args.push('-E', String(Math.max(1, Math.ceil(o.budget.maxExecutions / Math.max(1, o.budget.jobs)))));
  }
  if (o.budget.seed !== undefined) args.push('-s', String(o.budget.seed));
  if (o.instance === 'main') args.push('-M', 'main');
  else if (o.instance !== 'default') args.push('-S', o.instance);
  for (const dictionary of o.dictionaries.slice(0, 4)) args.push('-x', dictionary);
  args.push('--', o.binary);
  return args;
}

/**
 * afl-fuzz's environment in a sandboxed worker: no UI, no CPU frequency or core-dump checks (a
 * container cannot change them), no core pinning (campaigns share the host's cores), and the ASan
 * options AFL insists on (abort_on_error, no symbolizing: a reproduction symbolizes) with big
 * allocations capped at the run's memory limit.
 */
export function aflFuzzEnv(memoryMb: number): Record<string, string> {
  return {
    AFL_NO_UI: '1',
    AFL_SKIP_CPUFREQ: '1',
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES: '1',
    AFL_NO_AFFINITY: '1',
    AFL_NO_CRASH_README: '1',
    ASAN_OPTIONS: [
      'abort_on_error=1',
      'symbolize=0',
      'detect_leaks=0',
      'malloc_context_size=0',
      'allocator_may_return_null=1',
      `malloc_limit_mb=${memoryMb}`,
    ].join(':'),
  };
}
