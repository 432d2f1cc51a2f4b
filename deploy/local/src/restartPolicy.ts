/** Delay before restarting a crashed service: doubles with each crash in the last minute, capped. */
export function restartDelayMs(recentCrashes: number, baseMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, recentCrashes - 1));
}

/** Crashes that still count: those within `windowMs` of now. */
export function recentCrashes(crashTimes: number[], now: number, windowMs = 60_000): number {
  return crashTimes.filter((t) => now - t < windowMs).length;
}
