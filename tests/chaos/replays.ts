import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';

/** Events stored a second time on purpose: what a producer retrying past the dedup window does. */
export interface Replays {
  /** Runs whose request was stored twice. */
  requests: Set<string>;
  /** Run → the id of the finding event stored twice. */
  findings: Map<string, string>;
}

export const noReplays = (): Replays => ({ requests: new Set(), findings: new Map() });

const decoder = new TextDecoder();

/**
 * Stores the newest message on `subject` once more, same bytes and headers but another Nats-Msg-Id,
 * so JetStream keeps both and every consumer sees the event twice. Retried while NATS restarts.
 * Returns the replayed event's id, or undefined when the subject holds nothing.
 */
export async function replayLast(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<string | undefined> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const stored = await jsm.streams.getMessage(stream, { last_by_subj: subject });
      if (!stored) return undefined;
      const h = natsHeaders();
      for (const [key, values] of stored.header ?? [])
        for (const v of values) if (key !== 'Nats-Msg-Id') h.append(key, v);
      const msgID = `${stored.header.get('Nats-Msg-Id') || subject}.replayed`;
      await js.publish(subject, stored.data, { headers: h, msgID, timeout: 5_000 });
      return (JSON.parse(decoder.decode(stored.data)) as { id: string }).id;
    } catch (err) {
      if (/no message found/i.test(String(err))) return undefined;
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

/** Waits until the durable consumers have nothing pending or unacknowledged: every event handled. */
export async function quiescent(
  jsm: JetStreamManager,
  consumers: readonly { stream: string; durable: string }[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy: string[] = [];
    for (const { stream, durable } of consumers) {
      const info = await jsm.consumers.info(stream, durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0)
        busy.push(`${durable}: ${info.num_pending} pending, ${info.num_ack_pending} unacknowledged`);
    }
    if (busy.length === 0 || Date.now() > deadline) return busy;
    await sleep(500);
  }
}
