import type { FuzzBudget } from '@fuzzforge/worker-runtime';
import type { LibFuzzerMode } from './libfuzzerStatus';

export interface LibFuzzerSessionOptions {
  budget: FuzzBudget;
  corpusDir: string;
  crashDir: string;
  /** A dictionary shipped with the harness (`<harness>.dict`), OSS-Fuzz style. */
  dictionary?: string;
}

/** libFuzzer's `-timeout` is whole seconds, at least one. */
export const timeoutSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * The command line of one libFuzzer session. jobs > 1 runs `-fork=N` without `-ignore_crashes`, with
 * timeouts and OOMs no longer ignored: like a single process it stops at the first crash of any kind,
 * so a session means the same for every job count and one bug cannot flood the crash directory with
 * copies (fork mode with `-ignore_crashes=1` writes one file per crashing job). Pure.
 */
export function libFuzzerSessionArgs(o: LibFuzzerSessionOptions): { args: string[]; mode: LibFuzzerMode } {
  const { budget } = o;
  const mode: LibFuzzerMode = budget.jobs > 1 ? 'fork' : 'single';
  const args = [
    `-max_total_time=${Math.max(1, Math.floor(budget.durationSeconds))}`,
    `-timeout=${timeoutSeconds(budget.timeoutPerInputMs)}`,
    `-rss_limit_mb=${budget.memoryMb}`,
    `-artifact_prefix=${o.crashDir.replace(/\/?$/, '/')}`,
    '-print_final_stats=1',
  ];
  if (budget.maxExecutions !== undefined) args.push(`-runs=${budget.maxExecutions}`);
  if (mode === 'fork') args.push(`-fork=${budget.jobs}`, '-ignore_timeouts=0', '-ignore_ooms=0');
  if (o.dictionary) args.push(`-dict=${o.dictionary}`);
  args.push(o.corpusDir);
  return { args, mode };
}
