import type { ConsumerInfo, JetStreamManager, SequenceInfo } from '@nats-io/jetstream';
import {
  dlqSubject,
  streams,
  type ConsumerPosition,
  type ConsumerStatus,
  type ConsumersResponse,
} from '@fuzzforge/contracts';

const eventStreams = Object.values(streams)
  .map((s) => s.name)
  .filter((name) => name !== streams.dlq.name);
const dlqPrefix = dlqSubject('');

// The server sends last_active as an RFC 3339 string (typed as nanos by the client).
const isoOf = (value: unknown): string | null => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

const positionOf = (s: SequenceInfo): ConsumerPosition => ({
  consumerSeq: s.consumer_seq,
  streamSeq: s.stream_seq,
  lastActive: isoOf(s.last_active),
});

const latest = (...times: (string | null)[]): string | null =>
  times
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1) ?? null;

function statusOf(ci: ConsumerInfo, deadLetters: Record<string, number>): ConsumerStatus {
  const delivered = positionOf(ci.delivered);
  const ackFloor = positionOf(ci.ack_floor);
  return {
    stream: ci.stream_name,
    name: ci.name,
    numPending: ci.num_pending,
    numAckPending: ci.num_ack_pending,
    numRedelivered: ci.num_redelivered,
    numWaiting: ci.num_waiting,
    delivered,
    ackFloor,
    lastActive: latest(delivered.lastActive, ackFloor.lastActive),
    deadLetters: deadLetters[ci.name] ?? 0,
  };
}

/** Every durable consumer of the event streams with its lag and progress, and FF_DLQ's depth. */
export async function consumerStatuses(jsm: JetStreamManager): Promise<ConsumersResponse> {
  const dlq = await jsm.streams.info(streams.dlq.name, { subjects_filter: streams.dlq.subjects[0] });
  const byConsumer: Record<string, number> = {};
  for (const [subject, count] of Object.entries(dlq.state.subjects ?? {})) {
    byConsumer[subject.slice(dlqPrefix.length)] = count;
  }
  const consumers: ConsumerStatus[] = [];
  for (const stream of eventStreams) {
    // Ordered and other ephemeral consumers (readers, tests) come and go: only durables are reported.
    for await (const ci of jsm.consumers.list(stream)) {
      if (ci.config.durable_name) consumers.push(statusOf(ci, byConsumer));
    }
  }
  consumers.sort((a, b) => a.stream.localeCompare(b.stream) || a.name.localeCompare(b.name));
  return {
    consumers,
    dlq: { stream: streams.dlq.name, messages: dlq.state.messages, bytes: dlq.state.bytes, byConsumer },
  };
}
