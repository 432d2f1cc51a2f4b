import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { combineAflStats, parseAflFuzzerStats, type AflInstanceStats } from './aflStats';

/** afl-fuzz rewrites fuzzer_stats every few seconds; reading it more often shows nothing new. */
const POLL_MS = 2_000;

/** The session's stats over its instances' `<out>/<instance>/fuzzer_stats` (absent ones count as empty). */
export async function readAflStats(out: string, instances: readonly string[]): Promise<AflInstanceStats> {
  const texts = await Promise.all(
    instances.map((i) => readFile(path.join(out, i, 'fuzzer_stats'), 'utf8').catch(() => '')),
  );
  return combineAflStats(texts.map(parseAflFuzzerStats));
}

/**
 * Reads the session's stats every 2 s while afl-fuzz runs and hands each reading to `onStats`. `stop`
 * waits for a reading in flight, so nothing is reported after it resolves.
 */
export function pollAflStats(
  out: string,
  instances: readonly string[],
  onStats: (stats: AflInstanceStats) => void,
): { stop(): Promise<void> } {
  let inFlight: Promise<void> | undefined;
  const timer = setInterval(() => {
    inFlight ??= readAflStats(out, instances)
      .then((stats) => {
        if (stats.executions !== undefined) onStats(stats);
      })
      .finally(() => (inFlight = undefined));
  }, POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
