import type { Kysely } from 'kysely';
import type { FuzzForgeEvent } from '@fuzzforge/contracts';
import type { PlatformMetrics } from '@fuzzforge/observability';
import type { Database } from '@fuzzforge/platform';
import type { ProjectionObserver } from './projections';

/** What the projector exports beyond its consumers: runs by state, run durations and its lag. */
export interface ProjectorMetrics {
  observer: ProjectionObserver;
  /** A batch of `stream` was applied at `now`: the lag is how old its newest event was. */
  applied(stream: string, events: readonly FuzzForgeEvent[], now: Date): void;
}

/** Newest event time of a batch, in ms since the epoch; undefined when none has a readable time. */
export function newestEventTime(events: readonly FuzzForgeEvent[]): number | undefined {
  const times = events.map((e) => Date.parse(e.time)).filter((t) => !Number.isNaN(t));
  return times.length === 0 ? undefined : Math.max(...times);
}

/**
 * Registers the projector's metrics. Runs by state and workflow are counted in the read model on each
 * scrape (a failed count keeps the last values and counts a scrape error, like the JetStream reads).
 */
export function createProjectorMetrics(metrics: PlatformMetrics, db: Kysely<Database>): ProjectorMetrics {
  const errors = metrics.counter('metricsScrapeErrors');
  errors.inc({ source: 'postgres' }, 0);
  const runs = metrics.gauge('runs', async () => {
    try {
      const rows = await db
        .selectFrom('runs')
        .select(['status', 'workflow', (eb) => eb.fn.countAll<string>().as('count')])
        .groupBy(['status', 'workflow'])
        .execute();
      // A (state, workflow) that no run is in any more must read 0, not its last count.
      runs.reset();
      for (const row of rows) {
        runs.set({ state: row.status, workflow: row.workflow ?? 'unknown' }, Number(row.count));
      }
    } catch {
      errors.inc({ source: 'postgres' });
    }
  });
  const duration = metrics.histogram('runDuration');
  const lag = metrics.gauge('projectorLag');
  return {
    observer: {
      runsFinished(finished) {
        for (const run of finished) {
          duration.observe({ workflow: run.workflow, outcome: run.outcome }, run.seconds);
        }
      },
    },
    applied(stream, events, now) {
      const newest = newestEventTime(events);
      if (newest !== undefined) lag.set({ stream }, Math.max(0, (now.getTime() - newest) / 1000));
    },
  };
}
