import type { FuzzCounters } from '../fuzzEngine';

/** `single`: one libFuzzer process; `fork`: `-fork=N`, whose parent prints its own status lines. */
export type LibFuzzerMode = 'single' | 'fork';

// `#1234\tNEW    cov: 5 ft: 7 corp: 3/8b lim: 6 exec/s: 0 rss: 30Mb L: 6/6 MS: 3 ...` (also INITED,
// REDUCE, pulse, DONE, RELOAD). libFuzzer leaves out what it has none of (`cov`, `ft`, `corp` at the
// start; `corp` of a merge's DONE line), so each field is read on its own.
const STATUS = /^#(\d+)\s+[A-Za-z]+\s+(.*\bexec\/s: \d+.*)$/;
// `#3517: cov: 5 ft: 6 corp: 2 exec/s 0 oom/timeout/crash: 0/0/1 time: 0s job: 1 dft_time: 0`
// (`exec/s:` with a colon in newer libFuzzers).
const FORK = /^#(\d+): cov: \d+ ft: (\d+) corp: (\d+) exec\/s:? (\d+)/;
// `stat::number_of_executed_units: 803` and `stat::average_exec_per_sec:     0` (-print_final_stats=1)
const FINAL = /^stat::(number_of_executed_units|average_exec_per_sec):\s+(\d+)/;

const field = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
};

const known = (counters: FuzzCounters): FuzzCounters =>
  Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== undefined));

/**
 * The counters one line of libFuzzer's output carries, or undefined. Coverage is `ft` (features), the
 * finer of libFuzzer's two measures. In fork mode only the parent's status lines count: the log of a
 * crashed job it replays, final stats included, carries that job's counters, not the session's. Pure.
 */
export function parseLibFuzzerCounters(line: string, mode: LibFuzzerMode): FuzzCounters | undefined {
  if (mode === 'fork') {
    const parent = FORK.exec(line);
    if (!parent) return undefined;
    const [executions, coverage, corpusSize, execsPerSecond] = parent.slice(1).map(Number);
    return { executions, coverage, corpusSize, execsPerSecond };
  }
  const status = STATUS.exec(line);
  if (status) {
    const fields = status[2]!;
    return known({
      executions: Number(status[1]),
      coverage: field(fields, /\bft: (\d+)/),
      corpusSize: field(fields, /\bcorp: (\d+)/),
      execsPerSecond: field(fields, /\bexec\/s: (\d+)/),
    });
  }
  const final = FINAL.exec(line);
  if (!final) return undefined;
  return final[1] === 'number_of_executed_units'
    ? { executions: Number(final[2]) }
    : { execsPerSecond: Number(final[2]) };
}
