import type { FuzzCounters } from '@fuzzforge/worker-runtime';

// `#5826	NEW    cov: 5 ft: 5 corp: 3/13b lim: 58 exec/s: 0 rss: 41Mb ...` (also INITED, REDUCE, pulse, DONE)
const STATUS = /^#(\d+)\s+(?:INITED|NEW|REDUCE|pulse|DONE|RELOAD)\s+(.*)$/;
// Fork mode's parent: `#995: cov: 0 ft: 0 corp: 0 exec/s 0 oom/timeout/crash: 0/0/0 time: 2s job: 1 ...`
const FORK_STATUS = /^#(\d+): cov: \d+ ft: (\d+) corp: (\d+) exec\/s:? (\d+)/;
const FINAL_STAT = /^stat::(number_of_executed_units|average_exec_per_sec):\s+(\d+)$/;

const field = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
};

const defined = (counters: FuzzCounters): FuzzCounters =>
  Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== undefined));

/**
 * The counters one line of libFuzzer's output carries (atheris is libFuzzer inside), or undefined for
 * other lines. Coverage is `ft` (features): the engine reports `features` as its coverage unit. In fork
 * mode only the parent's lines count: it replays each finished job's log, whose lines are that job's.
 * Pure.
 */
export function parseLibFuzzerCounters(line: string, fork = false): FuzzCounters | undefined {
  if (fork) {
    const parent = FORK_STATUS.exec(line);
    if (!parent) return undefined;
    const [executions, coverage, corpusSize, execsPerSecond] = parent.slice(1).map(Number);
    return { executions, coverage, corpusSize, execsPerSecond };
  }
  const status = STATUS.exec(line);
  if (status) {
    const rest = status[2]!;
    return defined({
      executions: Number(status[1]),
      coverage: field(rest, /\bft: (\d+)/),
      corpusSize: field(rest, /\bcorp: (\d+)\//),
      execsPerSecond: field(rest, /\bexec\/s: (\d+)/),
    });
  }
  const final = FINAL_STAT.exec(line);
  if (!final) return undefined;
  return final[1] === 'number_of_executed_units'
    ? { executions: Number(final[2]) }
    : { execsPerSecond: Number(final[2]) };
}
