import { Hono } from 'hono';
import {
  TargetUploadedV1,
  targetUploadedSubject,
  targetUploadedType,
  targetUploadedVersion,
  type TargetResponse,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { listTargets } from '../domain/listQueries';
import { decodeCursor, optionalProject, pageLimit } from '../domain/pageCursor';
import { findTarget, findVisibleTarget } from '../domain/targets';
import { listScope, projectForWrite, seenBy } from '../auth/projectAccess';
import { targetFromEvent } from '../domain/views';
import { storeTarget } from '../domain/targetUpload';
import { uploadSource } from '../domain/uploadSource';

export function targetRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const project = optionalProject(c.req.query('project'));
    const page = await listTargets(
      deps,
      listScope(c.var.principal, project),
      pageLimit(c.req.query('limit')),
      decodeCursor(c.req.query('cursor')),
    );
    return c.json({ ...page, targets: page.targets.map((t) => seenBy(c.var.principal, t)) });
  });

  app.post('/', async (c) => {
    // Checked before a byte is stored: a refused project leaves nothing behind.
    const project = projectForWrite(c.var.principal, optionalProject(c.req.query('project')));
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > deps.maxUploadBytes) {
      throw new ApiError('payload-too-large', `Uploads are limited to ${deps.maxUploadBytes} bytes.`);
    }
    const source = await uploadSource(c.req.raw, c.req.query('filename'));
    const stored = await storeTarget(
      { ...deps, maxBytes: deps.maxUploadBytes },
      source.stream,
      source.contentType,
    );
    const now = deps.now();
    const data = {
      targetId: stored.sha256,
      sha256: stored.sha256,
      size: stored.size,
      ...(source.filename ? { filename: source.filename } : {}),
      contentType: source.contentType,
      storageKey: stored.storageKey,
      uploadedAt: now.toISOString(),
      project,
    };
    // The same bytes are the same target: the event id repeats per project, so re-uploads are stored once.
    const event = newEvent({
      id: `target.${stored.sha256}.${project}.uploaded`,
      type: targetUploadedType,
      version: targetUploadedVersion,
      subject: targetUploadedSubject(data.targetId),
      source: 'fuzzforge/api',
      data,
      time: now,
    });
    await publishEvent(deps.js, TargetUploadedV1.parse(event));
    const existing = await findTarget(deps, data.targetId);
    const body: TargetResponse = existing
      ? { ...existing, projects: [...new Set([...existing.projects, project])].sort() }
      : targetFromEvent(data);
    c.header('Location', `/v1/targets/${body.id}`);
    return c.json(seenBy(c.var.principal, body), 201);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const target = await findVisibleTarget(deps, id, c.var.principal.projects);
    if (!target) throw new ApiError('target-not-found', `No target with id ${id}.`);
    return c.json(seenBy(c.var.principal, target));
  });

  return app;
}
