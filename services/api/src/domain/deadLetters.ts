import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import {
  dlqSubject,
  streams,
  type DeadLetter,
  type DeadLetterPage,
  type DeadLetterQuery,
  type DeadLetterSummary,
} from '@fuzzforge/contracts';
import { deadLetterContext, deadLetterOf, payloadText, previewBytes } from './deadLetterView';
import { subjectMatches } from './subjectFilter';

export const dlqStream = streams.dlq.name;

export interface ScanLimits {
  /** Entries one list request reads at most; a sparse filter answers a partial page and a cursor. */
  maxScan: number;
  batch: number;
  batchBytes: number;
}

const defaultLimits: ScanLimits = { maxScan: 10_000, batch: 256, batchBytes: 4 * 1024 * 1024 };

// Ff-Failed-At comes from the consumer's clock, the stored time from the server's: allow for skew and
// for the time a dead-lettering publish took when the time range decides where a scan starts and stops.
const clockSlackMs = 60_000;

/** True for JetStream's "no such message" answers (direct get status, or API error codes). */
export const isJetStreamNotFound = (err: unknown): boolean => {
  const code = (err as { code?: unknown }).code;
  return code === 404 || code === 10037 || code === 10043 || code === 10057;
};

/** Up to `batch` entries from `seq` on whose subject matches `subject`, in one direct-get round trip. */
async function readBatch(
  jsm: JetStreamManager,
  seq: number,
  subject: string,
  batch: number,
  maxBytes: number,
): Promise<StoredMsg[]> {
  const out: StoredMsg[] = [];
  try {
    const messages = await jsm.direct.getBatch(dlqStream, {
      seq,
      next_by_subj: subject,
      batch,
      max_bytes: maxBytes,
    });
    for await (const msg of messages) out.push(msg);
  } catch (err) {
    // "No message at or after seq" ends a scan; it arrives as an error.
    if (!isJetStreamNotFound(err)) throw err;
  }
  return out;
}

/**
 * A page of dead letters, oldest first. Reads FF_DLQ with batched direct gets: on `ff.dlq.<consumer>`
 * when a consumer is given (the server's subject index skips the others), from the first entry stored
 * around `since`, and stops past `until`. Subject and time filters on the entries' headers apply here.
 */
export async function listDeadLetters(
  jsm: JetStreamManager,
  query: DeadLetterQuery,
  limits: ScanLimits = defaultLimits,
): Promise<DeadLetterPage> {
  const subject = query.consumer ? dlqSubject(query.consumer) : streams.dlq.subjects[0];
  const info = await jsm.streams.info(dlqStream, { subjects_filter: subject });
  const total = query.consumer ? (info.state.subjects?.[subject] ?? 0) : info.state.messages;
  const since = query.since ? Date.parse(query.since) : -Infinity;
  const until = query.until ? Date.parse(query.until) : Infinity;
  const empty: DeadLetterPage = { entries: [], next: null, total };
  if (total === 0) return empty;

  let cursor = Math.max(info.state.first_seq, (query.after ?? 0) + 1);
  if (query.since) {
    const first = await jsm.direct.getMessage(dlqStream, { start_time: new Date(since - clockSlackMs) });
    if (!first) return empty;
    cursor = Math.max(cursor, first.seq);
  }

  const entries: DeadLetterSummary[] = [];
  let scanned = 0;
  let last: number | null = null;
  let exhausted = false;
  // Without header filters every entry counts, so a batch need not read more than the page lacks.
  const filtered = query.subject !== undefined || query.since !== undefined || query.until !== undefined;
  const wanted = (e: Omit<DeadLetterSummary, 'preview'>): boolean => {
    const failedAt = Date.parse(e.failedAt);
    if (failedAt < since || failedAt > until) return false;
    return !query.subject || (e.originalSubject !== null && subjectMatches(query.subject, e.originalSubject));
  };

  scan: while (!exhausted && entries.length < query.limit && scanned < limits.maxScan) {
    const size = Math.min(
      limits.batch,
      limits.maxScan - scanned,
      filtered ? Infinity : query.limit - entries.length,
    );
    const batch = await readBatch(jsm, cursor, subject, size, limits.batchBytes);
    if (batch.length === 0) exhausted = true;
    for (const msg of batch) {
      if (msg.time.getTime() > until + clockSlackMs) {
        exhausted = true;
        break;
      }
      scanned += 1;
      last = msg.seq;
      // Num-Pending counts the matching entries after this one.
      if (msg.pending === 0) exhausted = true;
      const entry = deadLetterContext(msg);
      if (wanted(entry)) entries.push({ ...entry, preview: payloadText(msg.data, previewBytes) });
      if (entries.length === query.limit) break scan;
    }
    if (last !== null) cursor = last + 1;
  }
  // Entries dead-lettered while this page was read are in it: the total counts them too.
  const now = await jsm.streams.info(dlqStream, { subjects_filter: subject });
  const totalNow = query.consumer ? (now.state.subjects?.[subject] ?? 0) : now.state.messages;
  return { entries, next: exhausted || last === null ? null : last, total: Math.max(total, totalNow) };
}

/** Reads one entry through the stream leader (not a replica): the state a replay or delete acts on. */
export async function readDeadLetter(jsm: JetStreamManager, id: number): Promise<StoredMsg | null> {
  return jsm.streams.getMessage(dlqStream, { seq: id }).catch((err: unknown) => {
    if (isJetStreamNotFound(err)) return null;
    throw err;
  });
}

/** One dead letter with its whole payload, or null. */
export async function findDeadLetter(jsm: JetStreamManager, id: number): Promise<DeadLetter | null> {
  const msg = await readDeadLetter(jsm, id);
  return msg ? deadLetterOf(msg) : null;
}
