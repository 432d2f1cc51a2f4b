import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { streams, type DeleteDeadLetterResponse, type ReplayResponse } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { recordAdminAction } from './adminAudit';
import { deadLetterContext } from './deadLetterView';
import { dlqStream, isJetStreamNotFound, readDeadLetter } from './deadLetters';

type ActionDeps = Pick<ApiDeps, 'js' | 'jsm' | 'db' | 'now'>;

/**
 * The original headers, without FF_DLQ's context (Ff-*) and without publish controls (Nats-*): JetStream
 * stores those with the message, so a replayed Nats-Expected-Stream would, for one, travel on into any
 * later copy of it.
 */
function replayHeaders(msg: StoredMsg, id: number): MsgHdrs {
  const h = natsHeaders();
  for (const [name, values] of msg.header) {
    if (/^(ff|nats)-/i.test(name)) continue;
    for (const v of values) h.append(name, v);
  }
  h.set('Ff-Replayed-From', `${dlqStream}:${id}`);
  return h;
}

const isDlqSubject = (subject: string): boolean => subject.startsWith('ff.dlq.');

/** The stream that stores `subject` now, or null when none does. */
const streamOf = (jsm: JetStreamManager, subject: string): Promise<string | null> =>
  jsm.streams.find(subject).catch((err: unknown) => {
    if (/no stream matches/i.test(String(err))) return null;
    throw err;
  });

/**
 * Publishes a dead letter's payload and headers again on its original subject, into its original
 * stream. Its Nats-Msg-Id names the dead letter (`replay:FF_DLQ:<id>`), not the original event: the
 * original id would be dropped by JetStream for an hour, making a replay after a quick fix do nothing.
 * Replaying one entry twice is still stored once, and the consumers' own dedup (the projector's ledger
 * of event ids, the dispatcher's workflow ids) keeps an event that did get applied from applying twice.
 * Records the action; the entry stays in FF_DLQ until deleted. Null for an unknown id.
 */
export async function replayDeadLetter(
  deps: ActionDeps,
  id: number,
  actor: string | null,
): Promise<ReplayResponse | null> {
  const msg = await readDeadLetter(deps.jsm, id);
  if (!msg) return null;
  const entry = deadLetterContext(msg);
  const subject = entry.originalSubject;
  if (!subject || isDlqSubject(subject)) {
    throw new ApiError(
      'dead-letter-not-replayable',
      `Dead letter ${id} names no original subject to replay to.`,
    );
  }
  // Only into the stream it came from: a subject that moved to another stream is not this consumer's.
  const stream = await streamOf(deps.jsm, subject);
  if (!stream || (entry.originalStream && stream !== entry.originalStream)) {
    throw new ApiError(
      'dead-letter-not-replayable',
      `${entry.originalStream ?? 'No stream'} does not store ${subject} (any more).`,
    );
  }
  const msgId = `replay:${dlqStream}:${id}`;
  const ack = await deps.js.publish(subject, msg.data, { headers: replayHeaders(msg, id), msgID: msgId });
  const published = { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  const auditId = await recordAdminAction(deps.db, {
    action: 'dlq.replay',
    dlqSequence: id,
    originalSubject: subject,
    consumer: entry.consumer,
    detail: {
      ack: published,
      msgId,
      eventId: entry.eventId,
      originalStream: entry.originalStream,
      originalSequence: entry.originalSequence,
      error: entry.error,
    },
    at: deps.now(),
    actor,
  });
  return { id, ack: published, msgId, auditId };
}

/** Removes a dead letter from FF_DLQ and records it; null for an unknown (or just deleted) id. */
export async function deleteDeadLetter(
  deps: Pick<ApiDeps, 'jsm' | 'db' | 'now'>,
  id: number,
  actor: string | null,
): Promise<DeleteDeadLetterResponse | null> {
  const msg = await readDeadLetter(deps.jsm, id);
  if (!msg) return null;
  const entry = deadLetterContext(msg);
  const deleted = await deps.jsm.streams.deleteMessage(streams.dlq.name, id).catch((err: unknown) => {
    if (isJetStreamNotFound(err)) return false;
    throw err;
  });
  if (!deleted) return null;
  const auditId = await recordAdminAction(deps.db, {
    action: 'dlq.delete',
    dlqSequence: id,
    originalSubject: entry.originalSubject,
    consumer: entry.consumer,
    detail: {
      originalStream: entry.originalStream,
      originalSequence: entry.originalSequence,
      eventId: entry.eventId,
      error: entry.error,
      failedAt: entry.failedAt,
      payloadSize: entry.payloadSize,
    },
    at: deps.now(),
    actor,
  });
  return { id, deleted: true, auditId };
}
