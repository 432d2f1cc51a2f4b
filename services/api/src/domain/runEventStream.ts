import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { RunEvent, streams } from '@fuzzforge/contracts';

/** One stored run event with its stream sequence, the SSE event id a client resumes from. */
export interface SequencedRunEvent {
  seq: number;
  event: RunEvent;
}

export const isRunEnd = (event: RunEvent): boolean =>
  event.type === 'ff.run.completed' || event.type === 'ff.run.failed' || event.type === 'ff.run.cancelled';

export interface RunEventStreamOptions {
  /** Deliver only events stored after this stream sequence (the SSE Last-Event-ID). */
  after: number;
  /** How long to wait for the next event before `onIdle` is asked whether to go on. */
  idleMs: number;
  /** Called after each quiet `idleMs`: false ends the stream (the run ended before `after`, the client left). */
  onIdle: () => Promise<boolean>;
  signal: AbortSignal;
}

/**
 * A run's events from FF_RUN_EVENTS, past ones first, then live ones as they are stored, until the
 * run's end event (completed, failed, cancelled) or until `onIdle` says stop. An ordered consumer
 * (ephemeral, in memory, no acks) reads them; it is deleted when the stream ends.
 */
export async function* runEventStream(
  js: JetStreamClient,
  runId: string,
  o: RunEventStreamOptions,
): AsyncGenerator<SequencedRunEvent> {
  const consumer = await js.consumers.get(streams.runEvents.name, {
    filter_subjects: [`ff.run.${runId}.>`],
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: o.after + 1,
  });
  try {
    while (!o.signal.aborted) {
      const message = await consumer.next({ expires: o.idleMs });
      if (o.signal.aborted) return;
      if (!message) {
        if (!(await o.onIdle())) return;
        continue;
      }
      const parsed = RunEvent.safeParse(message.json());
      // What is not a run event of today's catalogue is skipped, not sent half-understood.
      if (!parsed.success) continue;
      yield { seq: message.seq, event: parsed.data };
      if (isRunEnd(parsed.data)) return;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}
