import type { FuzzCounters } from '@fuzzforge/worker-runtime';

// `fuzz: elapsed: 3s, execs: 91931 (30598/sec), new interesting: 0 (total: 2)`, every 3 s and at the end.
// `fuzz: elapsed: 0s, gathering baseline coverage: 1/1 completed, now fuzzing with 2 workers`
const BASELINE = /^fuzz: elapsed: \d+s, gathering baseline coverage: (\d+)\/\d+ completed/;
const STATUS = /^fuzz: elapsed: \d+s, execs: (\d+) \((\d+)\/sec\), new interesting: \d+ \(total: (\d+)\)$/;

/**
 * The counters of one line of `go test -fuzz` output, or undefined. Go reports no coverage count: the
 * corpus's size (seeds plus new interesting inputs) stands in for it (unit `interesting-inputs`). Pure.
 */
export function parseGoFuzzCounters(line: string): FuzzCounters | undefined {
  // A crash found within the first 3 s leaves only this line: the seeds it ran are executions too.
  const baseline = BASELINE.exec(line.trim());
  if (baseline) return { executions: Number(baseline[1]) };
  const status = STATUS.exec(line.trim());
  if (!status) return undefined;
  const total = Number(status[3]);
  return {
    executions: Number(status[1]),
    execsPerSecond: Number(status[2]),
    coverage: total,
    corpusSize: total,
  };
}
