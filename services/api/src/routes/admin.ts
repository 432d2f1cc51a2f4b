import { Hono } from 'hono';
import { AdminAuditQuery, DeadLetterQuery, RequestAuditQuery } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { listRequests } from '../domain/requestAudit';
import { apiKeyRoutes } from './apiKeys';
import { parseQuery } from './requestParsing';
import { listAdminAudit } from '../domain/adminAudit';
import { consumerStatuses } from '../domain/consumerStatus';
import { deleteDeadLetter, replayDeadLetter } from '../domain/deadLetterActions';
import { findDeadLetter, listDeadLetters } from '../domain/deadLetters';

/** A dead letter's id is its FF_DLQ sequence; anything else names no entry. */
function dlqIdOf(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound(raw);
  return Number(raw);
}

const notFound = (id: string | number) =>
  new ApiError('dead-letter-not-found', `No dead letter with id ${id}.`);

/**
 * Operator routes (the `admin` scope, checked by `authenticate`): API keys, dead letters, the audit
 * trails and consumer health.
 */
export function adminRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.route('/keys', apiKeyRoutes(deps));

  app.get('/dlq', async (c) =>
    c.json(await listDeadLetters(deps.jsm, parseQuery(DeadLetterQuery, c.req.query()))),
  );

  app.get('/dlq/:id', async (c) => {
    const entry = await findDeadLetter(deps.jsm, dlqIdOf(c.req.param('id')));
    if (!entry) throw notFound(c.req.param('id'));
    return c.json(entry);
  });

  app.post('/dlq/:id/replay', async (c) => {
    const replayed = await replayDeadLetter(deps, dlqIdOf(c.req.param('id')), c.var.principal.keyId);
    if (!replayed) throw notFound(c.req.param('id'));
    return c.json(replayed, 202);
  });

  app.delete('/dlq/:id', async (c) => {
    const deleted = await deleteDeadLetter(deps, dlqIdOf(c.req.param('id')), c.var.principal.keyId);
    if (!deleted) throw notFound(c.req.param('id'));
    return c.json(deleted);
  });

  app.get('/audit', async (c) =>
    c.json(await listAdminAudit(deps.db, parseQuery(AdminAuditQuery, c.req.query()))),
  );

  app.get('/requests', async (c) =>
    c.json(await listRequests(deps.db, parseQuery(RequestAuditQuery, c.req.query()))),
  );

  app.get('/consumers', async (c) => c.json(await consumerStatuses(deps.jsm)));

  return app;
}
