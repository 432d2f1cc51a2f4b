/** What a rebuild did with one stream. */
export interface StreamTally {
  stream: string;
  consumer: string;
  /** Events the projection applied (new to the rebuilt schema). */
  applied: number;
  /** Events whose id the rebuilt schema had already processed (republished beyond the dedup window). */
  duplicates: number;
  /** Messages that are not JSON or fail the FuzzForgeEvent schema: the live projector dead-letters them. */
  skipped: number;
  /** Stream sequence of the last message read; the next read starts after it. */
  lastSeq: number;
}

export interface RebuildSummary {
  streams: StreamTally[];
  /** Messages read while the live tables were locked. */
  caughtUpUnderLock: number;
  /** How long the API and the live projector waited for the swap. */
  lockHeldMs: number;
  durationMs: number;
  /** The old live schema when kept (--keep-old), null when dropped. */
  keptOld: string | null;
}

const sum = (tallies: StreamTally[], key: 'applied' | 'duplicates' | 'skipped'): number =>
  tallies.reduce((n, t) => n + t[key], 0);

/** The one line the command prints. */
export function formatSummary(s: RebuildSummary): string {
  const perStream = s.streams.map((t) => `${t.stream} ${t.applied}`).join(', ');
  const old = s.keptOld ? `old schema kept as ${s.keptOld}` : 'old schema dropped';
  return (
    `read models rebuilt in ${(s.durationMs / 1000).toFixed(2)} s: applied ${perStream}; ` +
    `skipped ${sum(s.streams, 'skipped')} invalid, ${sum(s.streams, 'duplicates')} duplicate; ` +
    `${s.caughtUpUnderLock} caught up under a ${s.lockHeldMs} ms lock; ${old}`
  );
}
