import type { JetStreamManager } from '@nats-io/jetstream';

/** One entry of FF_DLQ, with the context the consumer stored in its headers. */
export interface DeadLetter {
  seq: number;
  originalSubject: string;
  consumer: string;
  error: string;
}

/** The last sequence FF_DLQ holds now: entries after it are this session's. */
export async function lastDeadLetterSeq(jsm: JetStreamManager): Promise<number> {
  return (await jsm.streams.info('FF_DLQ')).state.last_seq;
}

/** Every FF_DLQ entry stored after `afterSeq`. */
export async function deadLettersAfter(jsm: JetStreamManager, afterSeq: number): Promise<DeadLetter[]> {
  const last = await lastDeadLetterSeq(jsm);
  const letters: DeadLetter[] = [];
  for (let seq = afterSeq + 1; seq <= last; seq++) {
    const msg = await jsm.streams.getMessage('FF_DLQ', { seq }).catch(() => null);
    if (!msg) continue; // removed by retention or by hand
    letters.push({
      seq,
      originalSubject: msg.header.get('Ff-Original-Subject'),
      consumer: msg.header.get('Ff-Consumer'),
      error: msg.header.get('Ff-Error'),
    });
  }
  return letters;
}
