import { setTimeout as sleep } from 'node:timers/promises';
import { ulid } from 'ulid';
import { runFindingSubject, runFindingType, runFindingVersion, type Finding } from '@fuzzforge/contracts';
import { connectNats, newEvent, publishEvent } from '@fuzzforge/platform';
import { jetstream } from '@nats-io/jetstream';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhookReceiver';

export interface WebhookBenchResult {
  benchmark: 'webhook-delivery';
  /** Finding events published at once; deliveries per second until the last one arrived. */
  burst: number;
  deliveriesPerSecond: number;
  /** Finding events published one at a time: publish → request at the receiver, in ms. */
  latencySamples: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const findingOf = (n: number): Finding => ({
  fingerprint: `bench-${n.toString().padStart(8, '0')}`,
  tool: { name: 'bench' },
  ruleId: 'bench/webhook',
  severity: 'low',
  message: `finding ${n} for the webhook benchmark`,
  location: { path: `src/file${n}.c`, startLine: 1 },
  cwe: [],
  artifacts: [],
});

/**
 * Deliveries per second to a local receiver and finding → webhook latency, through the real webhooks
 * service: finding events for a real run are published to FF_RUN_EVENTS as a worker would, and a
 * webhook subscribed to `ff.run.finding` receives them over HTTP. The receiver answers at once, so
 * the numbers are the platform's: fan-out, the delivery log, signing and the HTTP round trip.
 */
export async function benchWebhookDelivery(
  platform: { apiUrl: string; adminKey: string; serviceEnv: Record<string, string> },
  runId: string,
  options: { burst: number; latencySamples: number },
): Promise<WebhookBenchResult> {
  const receiver = await startWebhookReceiver();
  const nc = await connectNats(platform.serviceEnv['NATS_URL']!, 'fuzzforge-bench');
  const js = jetstream(nc);
  const authorization = `Bearer ${platform.adminKey}`;
  const created = await fetch(`${platform.apiUrl}/v1/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ url: receiver.url, eventTypes: ['ff.run.finding'], description: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`webhook: ${created.status} ${await created.text()}`);
  const webhookId = ((await created.json()) as { id: string }).id;
  let n = 0;
  const publishFinding = async (): Promise<string> => {
    const event = newEvent({
      id: ulid(),
      type: runFindingType,
      version: runFindingVersion,
      subject: runFindingSubject(runId),
      source: 'bench',
      time: new Date(),
      data: { runId, finding: findingOf(n++), foundAt: new Date().toISOString() },
    });
    await publishEvent(js, event);
    return event.id;
  };
  const arrivalOf = (eventId: string): ReceivedWebhook | undefined =>
    receiver.accepted.find((r) => r.body.includes(eventId));
  const until = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`webhook bench: timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  try {
    // Warm-up: connections, the run's project lookup, JIT.
    for (let i = 0; i < 20; i++) await publishFinding();
    await until(() => receiver.accepted.length >= 20, 60_000, 'the warm-up deliveries');

    const before = receiver.accepted.length;
    const started = Date.now();
    // As a busy worker fleet would: many publishes in flight, a bounded number (not all at once).
    let left = options.burst;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (left-- > 0) await publishFinding();
      }),
    );
    await until(() => receiver.accepted.length >= before + options.burst, 300_000, 'the burst');
    const burstMs = receiver.accepted.at(-1)!.at - started;

    const latencies: number[] = [];
    for (let i = 0; i < options.latencySamples; i++) {
      const published = Date.now();
      const id = await publishFinding();
      let arrived: ReceivedWebhook | undefined;
      await until(() => (arrived = arrivalOf(id)) !== undefined, 30_000, `finding ${id}`);
      latencies.push(arrived!.at - published);
      await sleep(10);
    }
    latencies.sort((a, b) => a - b);
    return {
      benchmark: 'webhook-delivery',
      burst: options.burst,
      deliveriesPerSecond: Math.round((options.burst / burstMs) * 1000),
      latencySamples: latencies.length,
      latencyMs: {
        p50: percentile(latencies, 50),
        p90: percentile(latencies, 90),
        p99: percentile(latencies, 99),
        max: latencies.at(-1)!,
      },
    };
  } finally {
    await fetch(`${platform.apiUrl}/v1/webhooks/${webhookId}`, {
      method: 'DELETE',
      headers: { authorization },
    });
    await nc.close();
    await receiver.close();
  }
}
