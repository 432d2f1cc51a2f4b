import type { JetStreamManager } from '@nats-io/jetstream';

/** The newest event stored under `subject`, or null. Lets reads see facts the projector has not applied yet. */
export async function lastEventOn(jsm: JetStreamManager, stream: string, subject: string): Promise<unknown> {
  const stored = await jsm.streams.getMessage(stream, { last_by_subj: subject }).catch((err: unknown) => {
    if ((err as { code?: string | number }).code === 404 || /no message found/i.test(String(err)))
      return null;
    throw err;
  });
  return stored ? stored.json() : null;
}
