import { Hono } from 'hono';
import type { z } from 'zod';
import { AdminAuditQuery, DeadLetterQuery } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { adminOnly } from '../middleware/adminOnly';
import { listAdminAudit } from '../domain/adminAudit';
import { consumerStatuses } from '../domain/consumerStatus';
import { deleteDeadLetter, replayDeadLetter } from '../domain/deadLetterActions';
import { findDeadLetter, listDeadLetters } from '../domain/deadLetters';

function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new ApiError(
      'validation-failed',
      'The query is invalid.',
      parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
    );
  }
  return parsed.data;
}

/** A dead letter's id is its FF_DLQ sequence; anything else names no entry. */
function dlqIdOf(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound(raw);
  return Number(raw);
}

const notFound = (id: string | number) =>
  new ApiError('dead-letter-not-found', `No dead letter with id ${id}.`);

/** Operator routes: dead letters, their audit trail and consumer health, behind `adminOnly`. */
export function adminRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('*', adminOnly(deps.admin));

  app.get('/dlq', async (c) =>
    c.json(await listDeadLetters(deps.jsm, parseQuery(DeadLetterQuery, c.req.query()))),
  );

  app.get('/dlq/:id', async (c) => {
    const entry = await findDeadLetter(deps.jsm, dlqIdOf(c.req.param('id')));
    if (!entry) throw notFound(c.req.param('id'));
    return c.json(entry);
  });

  app.post('/dlq/:id/replay', async (c) => {
    const replayed = await replayDeadLetter(deps, dlqIdOf(c.req.param('id')));
    if (!replayed) throw notFound(c.req.param('id'));
    return c.json(replayed, 202);
  });

  app.delete('/dlq/:id', async (c) => {
    const deleted = await deleteDeadLetter(deps, dlqIdOf(c.req.param('id')));
    if (!deleted) throw notFound(c.req.param('id'));
    return c.json(deleted);
  });

  app.get('/audit', async (c) =>
    c.json(await listAdminAudit(deps.db, parseQuery(AdminAuditQuery, c.req.query()))),
  );

  app.get('/consumers', async (c) => c.json(await consumerStatuses(deps.jsm)));

  return app;
}
