import type { JetStreamManager } from '@nats-io/jetstream';
import { RunRequestedV1, runRequestedSubject, streams } from '@fuzzforge/contracts';

/** The project of a run, or null when its request is not in FF_RUNS (trimmed by retention). */
export type RunProjectLookup = (runId: string) => Promise<string | null>;

/**
 * Looks a run's project up in its `ff.runs.requested.<runId>` message (a direct get: no consumer),
 * remembering the last `capacity` answers — a run's events arrive together.
 */
export function runProjectLookup(jsm: JetStreamManager, capacity = 10_000): RunProjectLookup {
  const known = new Map<string, string>();
  return async (runId) => {
    const cached = known.get(runId);
    if (cached !== undefined) return cached;
    // null when there is no such message; an outage throws, and the consumer retries the event.
    const msg = await jsm.direct.getMessage(streams.runs.name, { last_by_subj: runRequestedSubject(runId) });
    if (!msg) return null;
    const parsed = RunRequestedV1.safeParse(msg.json());
    const project = parsed.success ? (parsed.data.data.project ?? 'default') : null;
    if (project === null) return null;
    if (known.size >= capacity) known.delete(known.keys().next().value!);
    known.set(runId, project);
    return project;
  };
}
