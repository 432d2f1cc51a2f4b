import type { FuzzCounters } from '@fuzzforge/worker-runtime';

/** What one AFL instance's `fuzzer_stats` says, as session counters plus its saved crashes. */
export interface AflInstanceStats extends FuzzCounters {
  crashes?: number;
}

const number = (fields: Map<string, string>, ...keys: string[]): number | undefined => {
  for (const key of keys) {
    const value = Number.parseFloat(fields.get(key) ?? '');
    if (Number.isFinite(value)) return value;
  }
  return undefined;
};

/**
 * Parses AFL++'s `<out>/<instance>/fuzzer_stats` (`key : value` lines). Coverage is `edges_found`;
 * older AFL has only `bitmap_cvg`, a percentage that is no edge count, so it is left out. Pure.
 */
export function parseAflFuzzerStats(text: string): AflInstanceStats {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\s*:\s*(.*?)\s*$/.exec(line);
    if (match) fields.set(match[1]!, match[2]!);
  }
  const stats: AflInstanceStats = {};
  const executions = number(fields, 'execs_done');
  const execsPerSecond = number(fields, 'execs_per_sec');
  const coverage = number(fields, 'edges_found');
  const corpusSize = number(fields, 'corpus_count', 'paths_total');
  const crashes = number(fields, 'saved_crashes', 'unique_crashes');
  if (executions !== undefined) stats.executions = executions;
  if (execsPerSecond !== undefined) stats.execsPerSecond = execsPerSecond;
  if (coverage !== undefined) stats.coverage = coverage;
  if (corpusSize !== undefined) stats.corpusSize = corpusSize;
  if (crashes !== undefined) stats.crashes = crashes;
  return stats;
}

/** The session's counters over all its AFL instances: executions and speed add up, coverage does not. */
export function combineAflStats(instances: readonly AflInstanceStats[]): AflInstanceStats {
  const sum = (key: keyof AflInstanceStats): number | undefined =>
    instances.some((s) => s[key] !== undefined)
      ? instances.reduce((total, s) => total + (s[key] ?? 0), 0)
      : undefined;
  // Instances sync their queues: the largest edge count and corpus are the session's.
  const max = (key: keyof AflInstanceStats): number | undefined =>
    instances.some((s) => s[key] !== undefined) ? Math.max(...instances.map((s) => s[key] ?? 0)) : undefined;
  const combined: AflInstanceStats = {};
  for (const [key, value] of [
    ['executions', sum('executions')],
    ['execsPerSecond', sum('execsPerSecond')],
    ['coverage', max('coverage')],
    ['corpusSize', max('corpusSize')],
    ['crashes', sum('crashes')],
  ] as const) {
    if (value !== undefined) combined[key] = value;
  }
  return combined;
}
