import type { FuzzCounters } from '@fuzzforge/worker-runtime';

// `#4096	pulse  cov: 26 ft: 30 corp: 3/14b lim: 43 exec/s: 2048 rss: 38Mb` (merge lines have no corp).
const STATUS =
  /^#(\d+)\s+(?:INITED|NEW|REDUCE|pulse|DONE|RELOAD)\s+cov: (\d+) ft: (\d+)(?: corp: (\d+)\/\S+)?.*? exec\/s: (\d+)/;
// Fork mode's own line: `#81843: cov: 33 ft: 40 corp: 9 exec/s: 40921 oom/timeout/crash: 0/0/0 time: 2s ...`.
const FORK = /^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) exec\/s: (\d+)/;
const EXECUTED = /^stat::number_of_executed_units:\s*(\d+)/;
const SPEED = /^stat::average_exec_per_sec:\s*(\d+)/;

/**
 * The counters one line of libFuzzer's output carries; undefined for any other line. Coverage is
 * libFuzzer's `ft` (features), the finer of its two measures. With `-fork`, only the parent's
 * lines count: a job's log, replayed after a crash, restarts its numbering at zero. Pure.
 */
export function libFuzzerCounters(line: string, fork: boolean): FuzzCounters | undefined {
  const status = (fork ? FORK : STATUS).exec(line);
  if (status) {
    return {
      executions: Number(status[1]),
      coverage: Number(status[3]),
      ...(status[4] === undefined ? {} : { corpusSize: Number(status[4]) }),
      execsPerSecond: Number(status[5]),
    };
  }
  const executed = EXECUTED.exec(line);
  if (executed) return { executions: Number(executed[1]) };
  const speed = SPEED.exec(line);
  return speed ? { execsPerSecond: Number(speed[1]) } : undefined;
}

/** Folds a line's counters into the session's so far (later values win, absent ones are kept). Pure. */
export const mergeCounters = (so: FuzzCounters, line: FuzzCounters): FuzzCounters => ({ ...so, ...line });
