import { describe, expect, it } from 'vitest';
import type { FuzzStats } from '@fuzzforge/contracts';
import { createPlatformMetrics } from '@fuzzforge/observability';
import { createWorkerMetrics, toolOutcomeOf } from './workerMetrics';
import type { ToolRunResult } from './toolRunner';

const stats = (executions: number, crashes: number, execsPerSecond: number): FuzzStats => ({
  project: 'p',
  engine: 'libfuzzer',
  harness: 'fuzz_parse',
  executions,
  execsPerSecond,
  coverage: 1,
  coverageUnit: 'features',
  corpusSize: 1,
  crashes,
  uniqueCrashes: 0,
  elapsedSeconds: 1,
  phase: 'running',
});

const line = (text: string, series: string): string | undefined =>
  text.split('\n').find((l) => l.startsWith(series + ' '));

describe('createWorkerMetrics', () => {
  it('counts a campaign from its first report, by the differences of its cumulative counters', async () => {
    let now = 0;
    const metrics = createPlatformMetrics({ service: 'worker-native', defaultMetrics: false });
    const w = createWorkerMetrics({
      metrics,
      vertical: 'native',
      cacheStats: () => ({ hits: 0, misses: 0 }),
      fuzzIdleMs: 1000,
      now: () => now,
    });
    // A resumed attempt starts at its checkpoint: what the attempt before counted is not counted again.
    w.fuzzStats('r1', stats(500, 1, 0));
    w.fuzzStats('r1', stats(1500, 2, 900));
    w.fuzzStats('r1', stats(1400, 2, 800)); // a stale, lower report never counts backwards
    const labels = '{run_id="r1",engine="libfuzzer",service="worker-native"}';
    let text = await metrics.registry.metrics();
    expect(line(text, `fuzzforge_fuzzing_executions_total${labels}`)).toMatch(/ 1000$/);
    expect(line(text, `fuzzforge_fuzzing_crashes_total${labels}`)).toMatch(/ 1$/);
    expect(line(text, `fuzzforge_fuzzing_execs_per_second${labels}`)).toMatch(/ 800$/);

    now = 5000; // silent past the idle bound: the campaign's series go
    text = await metrics.registry.metrics();
    expect(text).not.toContain('run_id="r1"');
  });

  it('follows the cache’s own hit and miss counts, labelled with the vertical', async () => {
    const cache = { hits: 0, misses: 0 };
    const metrics = createPlatformMetrics({ service: 'worker-secrets', defaultMetrics: false });
    createWorkerMetrics({ metrics, vertical: 'secrets', cacheStats: () => cache });
    const hits = 'fuzzforge_target_cache_hits_total{vertical="secrets",service="worker-secrets"}';
    expect(line(await metrics.registry.metrics(), hits)).toMatch(/ 0$/);
    cache.hits = 3;
    cache.misses = 1;
    const text = await metrics.registry.metrics();
    expect(line(text, hits)).toMatch(/ 3$/);
    expect(
      line(text, 'fuzzforge_target_cache_misses_total{vertical="secrets",service="worker-secrets"}'),
    ).toMatch(/ 1$/);
  });
});

describe('toolOutcomeOf', () => {
  const result = (r: Partial<ToolRunResult>): ToolRunResult => ({
    exitCode: 0,
    signal: null,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    timedOut: false,
    cancelled: false,
    durationMs: 1,
    ...r,
  });
  it('names how the tool ended', () => {
    expect(toolOutcomeOf(result({ exitCode: 1 }), [0, 1])).toBe('ok');
    expect(toolOutcomeOf(result({ exitCode: 2 }), [0, 1])).toBe('failed');
    expect(toolOutcomeOf(result({ exitCode: null, timedOut: true }), [0])).toBe('timeout');
    expect(toolOutcomeOf(result({ exitCode: null, cancelled: true }), [0])).toBe('cancelled');
  });
});
