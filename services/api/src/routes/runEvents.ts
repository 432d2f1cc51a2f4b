import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { visibleTo } from '../auth/projectAccess';
import { findRun } from '../domain/runs';
import { openRunEvents, runEventStream } from '../domain/runEventStream';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/** Where a client resumes: after the Last-Event-ID header (or `lastEventId` query), else from the start. */
function resumeAfter(c: Context): number {
  const raw = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new ApiError('validation-failed', 'Last-Event-ID must be an event id this stream sent.', [
      { path: '/headers/last-event-id', message: 'must be a non-negative integer' },
    ]);
  }
  return Number(raw);
}

/**
 * GET /v1/runs/:id/events: the run's events as Server-Sent Events. Past events are replayed, live ones
 * follow, each with its stream sequence as id (resume with Last-Event-ID); the stream ends after the
 * run's end event, or at once for a run that ended before the resume point.
 */
export function streamRunEvents(deps: ApiDeps) {
  return async (c: Context) => {
    const runId = c.req.param('id')!;
    const after = resumeAfter(c);
    const run = visibleTo(
      c,
      await findRun(deps, runId),
      () => new ApiError('run-not-found', `No run with id ${runId}.`),
    );
    const consumer = await openRunEvents(deps.js, runId, after);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const aborted = new AbortController();
      stream.onAbort(() => aborted.abort());
      const events = runEventStream(consumer, {
        // An ended run's stream only replays: a short quiet spell means there is nothing left.
        idleMs: TERMINAL.has(run.status) ? 1_000 : KEEPALIVE_MS,
        signal: aborted.signal,
        onIdle: async () => {
          if (aborted.signal.aborted) return false;
          await stream.write(': keep-alive\n\n');
          const now = await findRun(deps, runId);
          return now === null || !TERMINAL.has(now.status);
        },
      });
      for await (const { seq, event } of events) {
        await stream.writeSSE({ id: String(seq), event: event.type, data: JSON.stringify(event) });
      }
    });
  };
}
