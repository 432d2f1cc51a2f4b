import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';

/** One stored message: its stream sequence and raw payload. */
export interface StoredMessage {
  seq: number;
  data: Uint8Array;
}

/**
 * Reads the messages on `subject` stored in `stream` after sequence `after`, in stream order and in
 * pages of at most `pageSize`, up to the end the stream had when the read began. An ordered consumer
 * (ephemeral, no acks, in memory) does the reading and is deleted afterwards.
 */
export async function* readStream(
  js: JetStreamClient,
  stream: string,
  subject: string,
  after: number,
  pageSize = 500,
): AsyncGenerator<StoredMessage[]> {
  const consumer = await js.consumers.get(stream, {
    filter_subjects: [subject],
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: after + 1,
  });
  try {
    // num_pending at creation is exactly what matched then: later messages belong to the next read.
    let remaining = (await consumer.info(true)).num_pending;
    let empty = 0;
    while (remaining > 0) {
      const page: StoredMessage[] = [];
      const messages = await consumer.fetch({ max_messages: Math.min(remaining, pageSize), expires: 5_000 });
      for await (const m of messages) page.push({ seq: m.seq, data: m.data });
      if (page.length === 0) {
        // Only when the stream dropped messages while we read (limits, purge): ask what is left.
        if (++empty > 3) throw new Error(`${stream}: ${remaining} messages announced but never delivered`);
        remaining = (await consumer.info()).num_pending;
        continue;
      }
      empty = 0;
      remaining -= page.length;
      yield page;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}
