import type { FuzzCounters } from '@fuzzforge/worker-runtime';

/** `single`: one libFuzzer process; `fork`: `-fork=N`, whose parent prints its own status lines. */
export type LibFuzzerMode = 'single' | 'fork';

// `#1234\tNEW    cov: 5 ft: 7 corp: 3/8b lim: 6 exec/s: 0 rss: 30Mb L: 6/6 MS: 3 ...` (also INITED,
// REDUCE, pulse, DONE, RELOAD): the counters of the one process.
const SINGLE = /^#(\d+)\t[A-Za-z]+\s+cov: (\d+) ft: (\d+) corp: (\d+)\/\S+(?: lim: \d+)? exec\/s: (\d+)/;
// `#3517: cov: 5 ft: 6 corp: 2 exec/s 0 oom/timeout/crash: 0/0/1 time: 0s job: 1 dft_time: 0`
const FORK = /^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) exec\/s:? (\d+)/;
// `stat::number_of_executed_units: 803` and `stat::average_exec_per_sec:     0` (-print_final_stats=1)
const FINAL = /^stat::(number_of_executed_units|average_exec_per_sec):\s+(\d+)/;

/**
 * The counters one line of libFuzzer's output carries, or undefined. In fork mode only the parent's
 * lines count: the logs of crashed jobs it replays carry that job's counters, not the session's. Pure.
 */
export function parseLibFuzzerStatus(line: string, mode: LibFuzzerMode): FuzzCounters | undefined {
  const status = (mode === 'single' ? SINGLE : FORK).exec(line);
  if (status) {
    return {
      executions: Number(status[1]),
      coverage: Number(status[3]),
      corpusSize: Number(status[4]),
      execsPerSecond: Number(status[5]),
    };
  }
  const final = mode === 'single' ? FINAL.exec(line) : null;
  if (!final) return undefined;
  return final[1] === 'number_of_executed_units'
    ? { executions: Number(final[2]) }
    : { execsPerSecond: Number(final[2]) };
}
