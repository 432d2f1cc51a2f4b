import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@fuzzforge/observability';
import { startOtlpReceiver } from '@fuzzforge/observability/testing';
import { startPlatform } from '@fuzzforge/local-stack/platform';
import type { RunListResponse, RunResponse } from '@fuzzforge/contracts';
import { tarGzOf } from '../support/archive';

export interface ThroughputMeasurement {
  tracing: 'on' | 'off';
  runs: number;
  runsPerSecond: number;
  /** Spans the platform exported meanwhile (tracing on). */
  spans: number;
}

interface BenchPlatformOptions {
  repoRoot: string;
  apiPort: number;
  dataDir: string;
  log: Logger;
}

/**
 * Secret-scan runs per second through a whole platform (API, dispatcher, workers, projector,
 * webhooks), started with tracing on (every span exported over OTLP/HTTP to a local receiver) or off
 * (OTEL_SDK_DISABLED: the SDK is not even loaded). `runs` runs are asked for at once; the rate is
 * runs over the time from the first request to the last run's end.
 */
export async function measureRunThroughput(
  o: BenchPlatformOptions,
  tracing: 'on' | 'off',
  runs: number,
  fixture: string,
): Promise<ThroughputMeasurement> {
  let spans = 0;
  const receiver = await startOtlpReceiver({ onSpans: (s) => void (spans += s.length) });
  const platform = await startPlatform({
    profile: 'test',
    repoRoot: o.repoRoot,
    env: {
      ...process.env,
      ...(tracing === 'on'
        ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'false' }
        : { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: '' }),
    },
    apiPort: o.apiPort,
    dataDir: o.dataDir,
    output: { kind: 'files', dir: path.join(o.dataDir, 'logs', 'services') },
    verticals: ['secrets'],
    log: o.log,
  });
  try {
    const headers = { authorization: `Bearer ${platform.adminKey}` };
    const upload = await fetch(`${platform.apiUrl}/v1/targets?filename=leaky-app.tar.gz`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/gzip' },
      body: await tarGzOf(fixture),
    });
    if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
    const target = ((await upload.json()) as { id: string }).id;
    // The runs a measurement waits for are listed by their project, not polled one by one: the
    // bench's own requests would otherwise be much of what is traced.
    const submit = async (project: string): Promise<void> => {
      const res = await fetch(`${platform.apiUrl}/v1/runs`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ target, workflow: 'secret-scan', parameters: {}, project }),
      });
      if (res.status !== 202) throw new Error(`run request: ${res.status} ${await res.text()}`);
    };
    // One run first: start-up work (caches, JIT, connections) is not what is measured.
    const stamp = `${tracing}-${Date.now()}`;
    await submit(`bench-warm-up-${stamp}`);
    await untilEnded(platform.apiUrl, headers, `bench-warm-up-${stamp}`, 1);
    await Promise.all(Array.from({ length: runs }, () => submit(`bench-${stamp}`)));
    const ended = await untilEnded(platform.apiUrl, headers, `bench-${stamp}`, runs);
    const first = Math.min(...ended.map((r) => Date.parse(r.requestedAt!)));
    const last = Math.max(...ended.map((r) => Date.parse(r.finishedAt!)));
    return { tracing, runs, runsPerSecond: Math.round((runs / ((last - first) / 1000)) * 100) / 100, spans };
  } finally {
    await platform.stop();
    await receiver.close();
  }
}

/** Waits for every run of `project` to end, reading them with one list request a second. */
async function untilEnded(
  api: string,
  headers: Record<string, string>,
  project: string,
  count: number,
): Promise<RunResponse[]> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const res = await fetch(`${api}/v1/runs?project=${project}&limit=${count}`, { headers });
    const { runs } = (await res.json()) as RunListResponse;
    const failed = runs.find((r) => r.status === 'failed' || r.status === 'cancelled');
    if (failed) throw new Error(`bench run ${failed.id} ${failed.status}: ${JSON.stringify(failed.error)}`);
    if (runs.length === count && runs.every((r) => r.status === 'completed')) return runs;
    if (Date.now() > deadline) throw new Error('bench runs did not finish in 10 minutes');
    await sleep(1_000);
  }
}
