import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';

/** What JetStream holds for one run: how many copies of each event id, and the event ids per fact. */
export interface StoredRunEvents {
  copies: Map<string, number>;
  /** `started`, `progress`, `finding`, `completed`, ... → distinct event ids. */
  facts: Map<string, Set<string>>;
}

/** The run a subject is about: `ff.runs.requested.<run>` or `ff.run.<run>.<fact>`. */
export function runIdOf(subject: string): string | undefined {
  const tokens = subject.split('.');
  return tokens[1] === 'runs' ? tokens[3] : tokens[1] === 'run' ? tokens[2] : undefined;
}

/** The fact a subject carries: `requested` for `ff.runs.requested.<run>`, `<fact>` for `ff.run.<run>.<fact>`. */
function factOf(subject: string): string {
  const tokens = subject.split('.');
  return (tokens[1] === 'runs' ? tokens[2] : tokens[3]) ?? '';
}

export async function lastSeq(jsm: JetStreamManager, stream: string): Promise<number> {
  return (await jsm.streams.info(stream)).state.last_seq;
}

const decoder = new TextDecoder();

/**
 * Reads every message stored in `stream` after `afterSeq` (an ordered consumer, one pass) and groups
 * the events by run. Messages that are not events (the suite's poison) are left out.
 */
export async function storedEventsByRun(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  afterSeq: number,
): Promise<Map<string, StoredRunEvents>> {
  const byRun = new Map<string, StoredRunEvents>();
  const last = await lastSeq(jsm, stream);
  if (last <= afterSeq) return byRun;
  const consumer = await js.consumers.get(stream, { opt_start_seq: afterSeq + 1 });
  for (let seen = afterSeq; seen < last;) {
    const batch = await consumer.fetch({ max_messages: 1_000, expires: 5_000 });
    let got = 0;
    for await (const msg of batch) {
      got += 1;
      seen = msg.seq;
      const runId = runIdOf(msg.subject);
      let id: unknown;
      try {
        id = (JSON.parse(decoder.decode(msg.data)) as { id?: unknown }).id;
      } catch {
        continue;
      }
      if (!runId || typeof id !== 'string') continue;
      const run: StoredRunEvents = byRun.get(runId) ?? { copies: new Map(), facts: new Map() };
      byRun.set(runId, run);
      run.copies.set(id, (run.copies.get(id) ?? 0) + 1);
      const fact = factOf(msg.subject);
      run.facts.set(fact, (run.facts.get(fact) ?? new Set<string>()).add(id));
      if (seen >= last) break;
    }
    if (got === 0) throw new Error(`${stream}: no message after seq ${seen}, expected up to ${last}`);
  }
  return byRun;
}
