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
import { decodeCursor, pageLimit } from '../domain/pageCursor';
import { findTarget } from '../domain/targets';
import { targetFromEvent } from '../domain/views';
import { storeTarget } from '../domain/targetUpload';
import { uploadSource } from '../domain/uploadSource';

export function targetRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) =>
    c.json(await listTargets(deps, pageLimit(c.req.query('limit')), decodeCursor(c.req.query('cursor')))),
  );

  app.post('/', async (c) => {
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
    };
    // The same bytes are the same target: the event id repeats, so re-uploads are stored once.
    const event = newEvent({
      id: `target.${stored.sha256}.uploaded`,
      type: targetUploadedType,
      version: targetUploadedVersion,
      subject: targetUploadedSubject(data.targetId),
      source: 'fuzzforge/api',
      data,
      time: now,
    });
    await publishEvent(deps.js, TargetUploadedV1.parse(event));
    const existing = await findTarget(deps, data.targetId);
    const body: TargetResponse = existing ?? targetFromEvent(data);
    c.header('Location', `/v1/targets/${body.id}`);
    return c.json(body, 201);
  });

  app.get('/:id', async (c) => {
    const target = await findTarget(deps, c.req.param('id'));
    if (!target) throw new ApiError('target-not-found', `No target with id ${c.req.param('id')}.`);
    return c.json(target);
  });

  return app;
}
