import { jetstream, jetstreamManager, AckPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectJetStreamMetrics } from './jetstreamMetrics';
import { createPlatformMetrics } from './registry';

// The platform's NATS_URL carries its credentials as URL userinfo; nats.js wants them apart.
const natsUrl = new URL(inject('serviceEnv')['NATS_URL'] ?? 'nats://127.0.0.1:4222');
const natsOptions = {
  servers: `${natsUrl.protocol}//${natsUrl.host}`,
  ...(natsUrl.username ? { user: decodeURIComponent(natsUrl.username) } : {}),
  ...(natsUrl.password ? { pass: decodeURIComponent(natsUrl.password) } : {}),
};
const suffix = `${process.pid}_${Date.now()}`;
const stream = `OBS_TEST_${suffix}`;
const dlq = `OBS_DLQ_${suffix}`;

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('collectJetStreamMetrics (real NATS)', () => {
  let nc: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    nc = await connect(natsOptions);
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await jsm.streams.delete(dlq).catch(() => undefined);
    await nc.close();
  });

  it('exports pending, ack-pending, redelivered and DLQ depth, and keeps values when reads fail', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await jsm.streams.add({ name: stream, subjects: [`obs.${suffix}.>`] });
    await jsm.streams.add({ name: dlq, subjects: [`obsdlq.${suffix}`] });
    await jsm.consumers.add(stream, { durable_name: 'watcher', ack_policy: AckPolicy.Explicit });
    for (let i = 0; i < 3; i++) await js.publish(`obs.${suffix}.${i}`, 'x');
    await js.publish(`obsdlq.${suffix}`, 'dead');
    // One message delivered and left unacknowledged: it counts as ack-pending.
    const consumer = await js.consumers.get(stream, 'watcher');
    const msg = await consumer.next({ expires: 5000 });
    expect(msg).not.toBeNull();

    const metrics = createPlatformMetrics({ service: 'test', defaultMetrics: false });
    collectJetStreamMetrics({ metrics, jsm, consumers: [{ stream, durable: 'watcher' }], dlqStream: dlq });

    const labels = `{stream="${stream}",consumer="watcher",service="test"}`;
    let text = await metrics.registry.metrics();
    expect(sample(text, `fuzzforge_consumer_pending_messages${labels}`)).toBe(2);
    expect(sample(text, `fuzzforge_consumer_ack_pending_messages${labels}`)).toBe(1);
    expect(sample(text, `fuzzforge_consumer_redelivered_messages${labels}`)).toBe(0);
    expect(sample(text, 'fuzzforge_dlq_messages{service="test"}')).toBe(1);
    expect(sample(text, 'fuzzforge_metrics_scrape_errors_total{source="jetstream",service="test"}')).toBe(0);

    // A real fault: the streams vanish. The scrape still answers, with the last values and an error count.
    await jsm.streams.delete(stream);
    await jsm.streams.delete(dlq);
    text = await metrics.registry.metrics();
    expect(sample(text, `fuzzforge_consumer_pending_messages${labels}`)).toBe(2);
    expect(sample(text, 'fuzzforge_dlq_messages{service="test"}')).toBe(1);
    expect(sample(text, 'fuzzforge_metrics_scrape_errors_total{source="jetstream",service="test"}')).toBe(2);
  });
});
