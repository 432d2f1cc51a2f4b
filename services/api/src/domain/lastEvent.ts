import type { JetStreamManager } from '@nats-io/jetstream';

/** True when `subject` is a NATS wildcard filter (a `*` or `>` token) rather than one subject. */
const isWildcard = (subject: string): boolean => subject.split('.').some((t) => t === '*' || t === '>');

/**
 * The newest event stored under `subject`, or null. Lets reads see facts the projector has not applied yet.
 * A subject built from a client's id that is a wildcard (`GET /v1/runs/*`) names no event: JetStream would
 * answer the newest of any subject it matches, i.e. another run or target.
 */
export async function lastEventOn(jsm: JetStreamManager, stream: string, subject: string): Promise<unknown> {
  if (isWildcard(subject)) return null;
  const stored = await jsm.streams.getMessage(stream, { last_by_subj: subject }).catch((err: unknown) => {
    if ((err as { code?: string | number }).code === 404 || /no message found/i.test(String(err)))
      return null;
    throw err;
  });
  return stored ? stored.json() : null;
}
