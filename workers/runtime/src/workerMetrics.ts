import type { FuzzStats } from '@fuzzforge/contracts';
import type { PlatformMetrics } from '@fuzzforge/observability';
import type { RunEventEmitter } from './runEventEmitter';
import type { TargetCacheStats } from './targetCache';
import type { ToolRunResult } from './toolRunner';

/** How one tool process ended, as the tool duration histogram labels it. */
export type ToolOutcome = 'ok' | 'failed' | 'timeout' | 'cancelled' | 'error';

/** The outcome label of a finished tool process (`error`: it could not be run at all). */
export function toolOutcomeOf(result: ToolRunResult, okExitCodes: readonly number[]): ToolOutcome {
  if (result.cancelled) return 'cancelled';
  if (result.timedOut) return 'timeout';
  return result.exitCode !== null && okExitCodes.includes(result.exitCode) ? 'ok' : 'failed';
}

/** Where tool runs are recorded; the scan activity receives it with its deps. */
export interface ToolRunMetrics {
  toolRun(tool: string, outcome: ToolOutcome, seconds: number): void;
}

/** A vertical worker's metrics: tool durations, fuzzing counters and the target cache. */
export interface WorkerMetrics extends ToolRunMetrics {
  /** A campaign's live counters, as published in `run.progress` (cumulative over its sessions). */
  fuzzStats(runId: string, stats: FuzzStats): void;
}

export interface WorkerMetricsOptions {
  metrics: PlatformMetrics;
  vertical: string;
  /** The cache's own hit/miss counts, read on each scrape. */
  cacheStats: () => Pick<TargetCacheStats, 'hits' | 'misses'>;
  /** A campaign silent this long has ended (it reports every few seconds): its series go. */
  fuzzIdleMs?: number;
  now?: () => number;
}

/** Registers the worker's metrics, labelled with its vertical where the catalogue has one. */
export function createWorkerMetrics(o: WorkerMetricsOptions): WorkerMetrics {
  const now = o.now ?? Date.now;
  const idleMs = o.fuzzIdleMs ?? 15 * 60_000;
  const vertical = { vertical: o.vertical };

  // The cache counts for itself; the counters follow it by the difference since the last scrape.
  const counted = { hits: 0, misses: 0 };
  const syncCache = (): void => {
    const stats = o.cacheStats();
    hits.inc(vertical, Math.max(0, stats.hits - counted.hits));
    misses.inc(vertical, Math.max(0, stats.misses - counted.misses));
    counted.hits = stats.hits;
    counted.misses = stats.misses;
  };
  const hits = o.metrics.counter('targetCacheHits', syncCache);
  const misses = o.metrics.counter('targetCacheMisses', syncCache);
  hits.inc(vertical, 0);
  misses.inc(vertical, 0);

  const toolDuration = o.metrics.histogram('toolDuration');

  const campaigns = new Map<string, { engine: string; executions: number; crashes: number; at: number }>();
  const forgetIdle = (): void => {
    for (const [runId, c] of campaigns) {
      if (now() - c.at < idleMs) continue;
      campaigns.delete(runId);
      const labels = { run_id: runId, engine: c.engine };
      execsPerSecond.remove(labels);
      executions.remove(labels);
      crashes.remove(labels);
    }
  };
  const execsPerSecond = o.metrics.gauge('fuzzingExecsPerSecond', forgetIdle);
  const executions = o.metrics.counter('fuzzingExecutions');
  const crashes = o.metrics.counter('fuzzingCrashes');

  return {
    toolRun(tool, outcome, seconds) {
      toolDuration.observe({ tool, vertical: o.vertical, outcome }, seconds);
    },
    fuzzStats(runId, stats) {
      const labels = { run_id: runId, engine: stats.engine };
      // The first report of an attempt is its baseline: a resumed attempt starts from its checkpoint,
      // whose executions another process (the attempt before) has counted already.
      const last = campaigns.get(runId) ?? stats;
      executions.inc(labels, Math.max(0, stats.executions - last.executions));
      crashes.inc(labels, Math.max(0, stats.crashes - last.crashes));
      execsPerSecond.set(labels, stats.execsPerSecond);
      campaigns.set(runId, {
        engine: stats.engine,
        executions: Math.max(stats.executions, last.executions),
        crashes: Math.max(stats.crashes, last.crashes),
        at: now(),
      });
    },
  };
}

/** The emitter, also handing every published fuzzing snapshot to the metrics. */
export function withFuzzMetrics(emitter: RunEventEmitter, metrics: WorkerMetrics): RunEventEmitter {
  return {
    ...emitter,
    async fuzzProgress(runId, seq, scope, message, stats) {
      // Counted first: the metrics should not depend on NATS taking the event.
      metrics.fuzzStats(runId, stats);
      await emitter.fuzzProgress(runId, seq, scope, message, stats);
    },
  };
}
