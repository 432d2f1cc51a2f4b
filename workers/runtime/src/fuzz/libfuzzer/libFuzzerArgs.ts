import type { FuzzBudget } from '../fuzzEngine';
import type { LibFuzzerMode } from './libFuzzerCounters';

/** The per-input limits of a libFuzzer run: a re-run applies the session's, so its hangs and OOMs repeat. */
export type InputLimits = Pick<FuzzBudget, 'timeoutPerInputMs' | 'memoryMb'>;

/** `-timeout` and `-rss_limit_mb`. libFuzzer's timeout is whole seconds: a sub-second budget still needs one. */
export const inputLimitArgs = (limits: InputLimits): string[] => [
  `-timeout=${Math.max(1, Math.ceil(limits.timeoutPerInputMs / 1000))}`,
  `-rss_limit_mb=${limits.memoryMb}`,
];

export interface LibFuzzerSessionArgsOptions {
  budget: FuzzBudget;
  corpusDir: string;
  crashDir: string;
  /** A dictionary shipped with the harness (`<harness>.dict`, OSS-Fuzz style). */
  dictionary?: string;
}

/**
 * The command line of one libFuzzer session, and the mode its output is read in. jobs > 1 runs
 * `-fork=N` with timeouts and OOMs no longer ignored (fork mode ignores them by default): like a single
 * process it stops at the first crash of any kind, so a session means the same for every job count and
 * one bug cannot flood the crash directory with copies. The parent checks `-runs` only between its
 * jobs' turns, so a forked session overshoots it. Pure.
 */
export function libFuzzerSessionArgs(o: LibFuzzerSessionArgsOptions): {
  args: string[];
  mode: LibFuzzerMode;
} {
  const { budget } = o;
  const mode: LibFuzzerMode = budget.jobs > 1 ? 'fork' : 'single';
  const args = [
    `-max_total_time=${Math.max(1, Math.floor(budget.durationSeconds))}`,
    ...(budget.maxExecutions === undefined ? [] : [`-runs=${budget.maxExecutions}`]),
    ...inputLimitArgs(budget),
    // libFuzzer prepends the prefix to the file name as is: without the slash it names files beside the dir.
    `-artifact_prefix=${o.crashDir.replace(/\/?$/, '/')}`,
    '-print_final_stats=1',
    ...(budget.seed === undefined ? [] : [`-seed=${budget.seed}`]),
    ...(mode === 'fork' ? [`-fork=${budget.jobs}`, '-ignore_timeouts=0', '-ignore_ooms=0'] : []),
    ...(o.dictionary ? [`-dict=${o.dictionary}`] : []),
    o.corpusDir,
  ];
  return { args, mode };
}
