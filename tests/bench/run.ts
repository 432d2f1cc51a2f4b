import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@fuzzforge/observability';
import { startPlatform } from '@fuzzforge/local-stack/platform';
import { buildBare, fuzzBare, fuzzThroughPlatform, median, type Measurement } from './fuzzEfficiency';
import { measureRunThroughput, type ThroughputMeasurement } from './tracingOverhead';
import { benchWebhookDelivery } from './webhookDelivery';

/**
 * `npm run bench`: the platform's benchmarks, on one platform of their own (test profile ports,
 * `.stack/bench` data — do not run it beside `npm test`). FF_BENCH picks some (comma-separated).
 *
 * - fuzzing: one harness (tests/fixtures/fuzz-c-bench) fuzzed bare and through the platform,
 *   alternately, FF_BENCH_ROUNDS times each for FF_BENCH_EXECUTIONS executions with the same seed per
 *   round; the efficiency is the median platform rate over the median bare rate. Target: ≥ 0.95.
 * - webhooks: FF_BENCH_WEBHOOK_BURST finding events at once to a local receiver (deliveries per
 *   second), then FF_BENCH_WEBHOOK_SAMPLES one at a time (finding → webhook latency, p50/p99).
 * - tracing: secret-scan run throughput with tracing off and on (every span exported to a local OTLP
 *   receiver), FF_BENCH_TRACING_RUNS runs at once, FF_BENCH_TRACING_ROUNDS rounds alternating, each on
 *   a platform of its own (started with OTEL_SDK_DISABLED or an OTLP endpoint). Target: on is at most
 *   10% slower than off.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const benches = (process.env['FF_BENCH'] ?? 'fuzzing,webhooks,tracing').split(',').map((b) => b.trim());
/** Executions per measurement: long enough (~10-20 s here) that start-up is noise, short enough to repeat. */
const executions = Number(process.env['FF_BENCH_EXECUTIONS'] ?? 5_000_000);
/** Measurements per side; the median of each side is compared. */
const rounds = Number(process.env['FF_BENCH_ROUNDS'] ?? 5);
const webhookBurst = Number(process.env['FF_BENCH_WEBHOOK_BURST'] ?? 5_000);
const webhookSamples = Number(process.env['FF_BENCH_WEBHOOK_SAMPLES'] ?? 200);
const tracingRuns = Number(process.env['FF_BENCH_TRACING_RUNS'] ?? 40);
const tracingRounds = Number(process.env['FF_BENCH_TRACING_ROUNDS'] ?? 2);
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'fuzz-c-bench');
const apiPort = Number(process.env['FF_BENCH_API_PORT'] ?? 18100);
const benchDir = path.join(process.env['FF_STACK_DIR'] ?? '.stack', 'bench');

const log = createLogger('bench', { level: 'warn' });
const report = (result: unknown) => console.log(JSON.stringify(result, null, 2));

// The tracing bench starts and stops platforms of its own (tracing is chosen when processes start).
if (benches.includes('tracing')) {
  const measurements: ThroughputMeasurement[] = [];
  for (let round = 1; round <= tracingRounds; round++) {
    for (const tracing of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const m = await measureRunThroughput(
        { repoRoot, apiPort, dataDir: benchDir, log },
        tracing,
        tracingRuns,
        path.join(repoRoot, 'tests', 'fixtures', 'leaky-app'),
      );
      measurements.push(m);
      console.log(
        `round ${round}: tracing ${tracing}: ${m.runsPerSecond} runs/s (${m.spans} spans exported)`,
      );
    }
  }
  const off = median(measurements.filter((m) => m.tracing === 'off').map((m) => m.runsPerSecond));
  const on = median(measurements.filter((m) => m.tracing === 'on').map((m) => m.runsPerSecond));
  const slowdown = 1 - on / off;
  report({
    benchmark: 'tracing-overhead',
    workflow: 'secret-scan on tests/fixtures/leaky-app',
    runsPerMeasurement: tracingRuns,
    rounds: tracingRounds,
    offRunsPerSecond: off,
    onRunsPerSecond: on,
    slowdown: Math.round(slowdown * 1000) / 1000,
    target: 0.1,
    met: slowdown <= 0.1,
  });
}
if (!benches.some((b) => b === 'fuzzing' || b === 'webhooks')) process.exit(0);

const platform = await startPlatform({
  profile: 'test',
  repoRoot,
  // The webhook receiver listens on loopback.
  env: { FF_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', ...process.env },
  apiPort,
  dataDir: benchDir,
  output: { kind: 'files', dir: path.join(repoRoot, '.stack', 'bench', 'logs', 'services') },
  verticals: ['native'],
  log,
});
async function fuzzingEfficiency(): Promise<void> {
  const bare = await buildBare(fixture, { ...process.env, ...platform.serviceEnv });
  const measurements: Measurement[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternating sides spreads any drift of the machine's speed over both.
      // One seed per round for both sides: libFuzzer then mutates the same way, and the rates compare
      // the platform's overhead rather than two random walks through the input space.
      const seed = 1000 + round;
      measurements.push(await fuzzBare(bare.binary, bare.env, executions, seed));
      measurements.push(
        await fuzzThroughPlatform(platform, fixture, executions, seed, `bench-${Date.now()}`),
      );
      const [b, p] = measurements.slice(-2);
      console.log(`round ${round}: bare ${b!.execsPerSecond} exec/s, platform ${p!.execsPerSecond} exec/s`);
    }
  } finally {
    await bare.dispose();
  }
  const bareRate = median(measurements.filter((m) => m.how === 'bare').map((m) => m.execsPerSecond));
  const platformRate = median(measurements.filter((m) => m.how === 'platform').map((m) => m.execsPerSecond));
  const efficiency = platformRate / bareRate;
  report({
    benchmark: 'fuzzing-efficiency',
    harness: 'tests/fixtures/fuzz-c-bench (libfuzzer)',
    executionsPerMeasurement: executions,
    rounds,
    bareExecsPerSecond: bareRate,
    platformExecsPerSecond: platformRate,
    efficiency: Math.round(efficiency * 1000) / 1000,
    target: 0.95,
    met: efficiency >= 0.95,
  });
}

async function webhookDelivery(): Promise<void> {
  // A real run for the findings to belong to (its project is looked up like any run's).
  const { runId } = await fuzzThroughPlatform(platform, fixture, 10_000, 1, 'bench-webhooks');
  report(
    await benchWebhookDelivery(platform, runId!, { burst: webhookBurst, latencySamples: webhookSamples }),
  );
}

try {
  if (benches.includes('fuzzing')) await fuzzingEfficiency();
  if (benches.includes('webhooks')) await webhookDelivery();
} finally {
  await platform.stop();
}
