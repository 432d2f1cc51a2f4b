import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { combineAflStats, parseAflFuzzerStats, type AflInstanceStats } from './aflStats';

/** afl-fuzz rewrites fuzzer_stats every few seconds; reading it more often shows nothing new. */
const POLL_MS = 2_000;

/**
 * The session's stats over its instances' `<out>/<instance>/fuzzer_stats` (absent ones count as
 * empty). Crashes are counted on disk as well: afl-fuzz writes a crash at once but its stats file only
 * every so often, and the campaign stops a session on the crash count.
 */
export async function readAflStats(out: string, instances: readonly string[]): Promise<AflInstanceStats> {
  const perInstance = await Promise.all(
    instances.map(async (i) => {
      const [text, crashFiles] = await Promise.all([
        readFile(path.join(out, i, 'fuzzer_stats'), 'utf8').catch(() => ''),
        readdir(path.join(out, i, 'crashes')).catch(() => [] as string[]),
      ]);
      const stats = parseAflFuzzerStats(text);
      const onDisk = crashFiles.filter((name) => name.startsWith('id:')).length;
      return { ...stats, crashes: Math.max(stats.crashes ?? 0, onDisk) };
    }),
  );
  return combineAflStats(perInstance);
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
        if (stats.executions !== undefined || (stats.crashes ?? 0) > 0) onStats(stats);
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
