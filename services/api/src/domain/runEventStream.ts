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
  /** How long to wait for the next event before `onIdle` is asked whether to go on. */
  idleMs: number;
  /** Called after each quiet `idleMs`: false ends the stream (the run ended before `after`, the client left). */
  onIdle: () => Promise<boolean>;
  signal: AbortSignal;
}

/**
 * Opens the reader of a run's events stored after `after`: an ordered consumer on FF_RUN_EVENTS
 * (ephemeral, in memory, no acks). Opened before any response is sent, so an outage is still a 503.
 */
export const openRunEvents = (js: JetStreamClient, runId: string, after: number): Promise<OrderedConsumer> =>
  js.consumers.get(streams.runEvents.name, {
    filter_subjects: [`ff.run.${runId}.>`],
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: after + 1,
  });

type OrderedConsumer = Awaited<ReturnType<JetStreamClient['consumers']['get']>>;

const jsonOf = (data: () => unknown): unknown => {
  try {
    return data();
  } catch {
    return undefined;
  }
};

/**
 * A run's events, past ones first, then live ones as they are stored, until the run's end event
 * (completed, failed, cancelled) or until `onIdle` says stop; the consumer is deleted at the end.
 */
export async function* runEventStream(
  consumer: OrderedConsumer,
  o: RunEventStreamOptions,
): AsyncGenerator<SequencedRunEvent> {
  try {
    while (!o.signal.aborted) {
      const message = await consumer.next({ expires: o.idleMs });
      if (o.signal.aborted) return;
      if (!message) {
        if (!(await o.onIdle())) return;
        continue;
      }
      // What is not a run event of today's catalogue (or not JSON) is skipped, not sent half-understood.
      const parsed = RunEvent.safeParse(jsonOf(() => message.json()));
      if (!parsed.success) continue;
      yield { seq: message.seq, event: parsed.data };
      if (isRunEnd(parsed.data)) return;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}
