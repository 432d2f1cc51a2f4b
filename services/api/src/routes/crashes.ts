import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { ApiDeps } from '../deps';
import { visibleTo } from '../auth/projectAccess';
import { ApiError } from '../errors';
import { crashFromRow, findCrash } from '../domain/crashes';

const crashNotFound = (id: string) => new ApiError('crash-not-found', `No crash with id ${id}.`);

/** /v1/crashes: a project's distinct crashes and their reproducers. */
export function crashRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/:id', async (c) => {
    const row = visibleTo(c, await findCrash(deps, c.req.param('id')), () =>
      crashNotFound(c.req.param('id')),
    );
    return c.json(crashFromRow(row));
  });

  app.get('/:id/input', async (c) => {
    const row = visibleTo(c, await findCrash(deps, c.req.param('id')), () =>
      crashNotFound(c.req.param('id')),
    );
    const object = await deps.s3
      .send(new GetObjectCommand({ Bucket: deps.bucket, Key: row.input_key }))
      .catch((err: unknown) => {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') {
          throw new ApiError('not-found', `The reproducer of crash ${row.id} is no longer stored.`);
        }
        throw err;
      });
    if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no body for ${row.input_key}`);
    const body = object.Body;
    c.header('Content-Type', 'application/octet-stream');
    c.header('Content-Length', String(row.input_size));
    c.header('Content-Disposition', `attachment; filename="${row.id}.bin"`);
    c.header('X-Content-SHA256', row.input_sha256);
    return stream(c, async (out) => {
      out.onAbort(() => {
        body.destroy();
      });
      for await (const chunk of body) await out.write(chunk as Uint8Array);
    });
  });

  return app;
}
