import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { workflowCatalog } from '@fuzzforge/catalog';
import type { Problem, RunResponse } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Connection } from '@temporalio/client';
import { createApp, dependencyChecks, type ApiDeps } from '@fuzzforge/api';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectNats, createS3, createSecretBox, storageKeys } from '@fuzzforge/platform';
import { connectClients, type Clients } from '../support/clients';
import { withDefaultKey } from '../support/apiKey';
import { json } from '../support/http';

const env = inject('serviceEnv');
let clients: Clients;

// An in-process API on the test stack's stores; its requests carry the platform's admin key.
const appWith = (overrides: Partial<ApiDeps> = {}) =>
  withDefaultKey(
    createApp({
      db: clients.db,
      js: clients.js,
      jsm: clients.jsm,
      s3: clients.s3,
      bucket: clients.bucket,
      catalog: workflowCatalog,
      maxUploadBytes: 1024 * 1024,
      readinessChecks: [],
      // Creates no webhook: a key of its own, which the webhooks service would not hold.
      webhookSecrets: createSecretBox([{ id: 'in-process', key: randomBytes(32) }]),
      now: () => new Date(),
      newId: ulid,
      log: createLogger('api-test', { level: 'error' }),
      ...overrides,
    }),
    inject('apiKey'),
  );

const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await json<Problem>(res);
  expect(problem).toMatchObject({ status, code });
  return problem;
};

const upload = (
  app: ReturnType<typeof appWith>,
  body: string | Uint8Array,
  contentType = 'application/octet-stream',
) => app.request('/v1/targets', { method: 'POST', headers: { 'content-type': contentType }, body });

beforeAll(async () => {
  clients = await connectClients(env);
});
afterAll(async () => {
  await clients.close();
});

describe('targets', () => {
  it('stores a raw upload and serves it back by id', async () => {
    const app = appWith();
    const bytes = `print("hello ${ulid()}")\n`;
    const res = await upload(app, bytes);
    expect(res.status).toBe(201);
    const target = await json<{ id: string; size: number }>(res);
    expect(target.size).toBe(bytes.length);
    const again = await app.request(`/v1/targets/${target.id}`);
    expect(again.status).toBe(200);
  });

  it('takes the "file" field of a multipart form', async () => {
    const form = new FormData();
    form.append('file', new Blob([`multipart ${ulid()}`]), 'code.txt');
    const res = await appWith().request('/v1/targets', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ filename: 'code.txt' });
  });

  it('answers 413 beyond the size limit and keeps nothing', async () => {
    const app = appWith({ maxUploadBytes: 1000 });
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(800));
        controller.enqueue(new Uint8Array(800));
        controller.close();
      },
    });
    await expectProblem(
      await app.request('/v1/targets', {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body,
        duplex: 'half',
      }),
      413,
      'payload-too-large',
    );
  });

  it('refuses content that is not what it was declared as, or an archive it cannot unpack, keeping nothing', async () => {
    const app = appWith();
    const notGzip = `plain text ${ulid()}`;
    const mismatch = await upload(app, notGzip, 'application/gzip');
    await expectProblem(mismatch, 415, 'unsupported-media-type');
    const bzip2 = Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.from(ulid())]);
    await expectProblem(await upload(app, bzip2), 415, 'unsupported-media-type');
    // Neither became a target: the same bytes sent as what they are get a 201 for a new target.
    const sha = createHash('sha256').update(notGzip).digest('hex');
    await expectProblem(await app.request(`/v1/targets/${sha}`), 404, 'target-not-found');
    await expect(
      clients.s3.send(new HeadObjectCommand({ Bucket: clients.bucket, Key: storageKeys.target(sha) })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    expect((await upload(app, notGzip)).status).toBe(201);
  });

  it('refuses an unknown content type and an empty body with a clear problem', async () => {
    const app = appWith();
    await expectProblem(await upload(app, 'x', 'text/html'), 415, 'unsupported-media-type');
    await expectProblem(await upload(app, ''), 400, 'empty-upload');
    await expectProblem(await app.request('/v1/targets/nope'), 404, 'target-not-found');
  });
});

describe('request bodies', () => {
  it('answers 413 for a JSON body over the bound, before parsing it, and 400 for one that is not JSON', async () => {
    const app = appWith({ maxJsonBytes: 1024 });
    const big = JSON.stringify({
      target: 'x',
      workflow: 'secret-scan',
      parameters: { pad: 'y'.repeat(2000) },
    });
    await expectProblem(
      await app.request('/v1/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      }),
      413,
      'payload-too-large',
    );
    await expectProblem(
      await app.request('/v1/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"target":',
      }),
      400,
      'invalid-json',
    );
  });
});

describe('workflows', () => {
  it('lists the catalog with parameters as JSON Schema', async () => {
    const res = await appWith().request('/v1/workflows');
    const body = await json<{ workflows: { name: string; parameters: { type: string } }[] }>(res);
    expect(body.workflows.find((w) => w.name === 'secret-scan')?.parameters.type).toBe('object');
    await expectProblem(await appWith().request('/v1/workflows/nope'), 404, 'workflow-not-found');
  });
});

describe('runs', () => {
  const createRun = (app: ReturnType<typeof appWith>, body: unknown) =>
    app.request('/v1/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('validates the request and names the bad field', async () => {
    const app = appWith();
    const target = await json<{ id: string }>(await upload(app, `target ${ulid()}`));
    const problem = await expectProblem(
      await createRun(app, { target: target.id, workflow: 'secret-scan', parameters: { redact: 'yes' } }),
      400,
      'validation-failed',
    );
    expect(problem.errors).toEqual([{ path: '/parameters/redact', message: 'must be boolean' }]);
    await expectProblem(await createRun(app, '{not json'), 400, 'invalid-json');
    const missing = await expectProblem(
      await createRun(app, { workflow: 'secret-scan' }),
      400,
      'validation-failed',
    );
    expect(missing.errors?.[0]?.path).toBe('/target');
    await expectProblem(
      await createRun(app, { target: target.id, workflow: 'nope' }),
      404,
      'workflow-not-found',
    );
    await expectProblem(
      await createRun(app, { target: 'f'.repeat(64), workflow: 'secret-scan' }),
      404,
      'target-not-found',
    );
  });

  it('answers 202 only once the request is in JetStream, and shows the run as queued at once', async () => {
    const app = appWith();
    const target = await json<{ id: string }>(await upload(app, `target ${ulid()}`));
    const res = await createRun(app, { target: target.id, workflow: 'secret-scan' });
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const stored = await clients.jsm.streams.getMessage('FF_RUNS', {
      last_by_subj: `ff.runs.requested.${id}`,
    });
    expect(stored?.json()).toMatchObject({
      type: 'ff.run.requested',
      data: { runId: id, parameters: { redact: true } },
    });
    const run = await json<RunResponse>(await app.request(`/v1/runs/${id}`));
    expect(run).toMatchObject({ id, target: target.id, workflow: 'secret-scan' });
  });

  it('accepts a cancel for a live run and stores the request; refuses one for an unknown run', async () => {
    const app = appWith();
    const target = await json<{ id: string }>(await upload(app, `target ${ulid()}`));
    const { id } = await json<{ id: string }>(
      await createRun(app, { target: target.id, workflow: 'secret-scan' }),
    );
    const res = await app.request(`/v1/runs/${id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'changed my mind' }),
    });
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ id, cancelRequested: true });
    const stored = await clients.jsm.streams.getMessage('FF_RUNS', {
      last_by_subj: `ff.runs.cancel-requested.${id}`,
    });
    expect(stored?.json()).toMatchObject({
      type: 'ff.run.cancel-requested',
      data: { runId: id, reason: 'changed my mind' },
    });
    await expectProblem(await app.request('/v1/runs/NOPE/cancel', { method: 'POST' }), 404, 'run-not-found');
  });

  it('answers 404 problems for unknown runs and their findings', async () => {
    await expectProblem(await appWith().request('/v1/runs/NOPE'), 404, 'run-not-found');
    await expectProblem(await appWith().request('/v1/runs/NOPE/findings'), 404, 'run-not-found');
    await expectProblem(await appWith().request('/v1/nothing-here'), 404, 'not-found');
  });
});

describe('dependency outages', () => {
  it('answers 503 with Retry-After, not 500, when the event store is unreachable', async () => {
    const nc = await connectNats(env['NATS_URL']!, 'outage-test');
    const app = appWith({ js: jetstream(nc), jsm: await jetstreamManager(nc) });
    await nc.close(); // a real closed connection: every publish now fails
    const res = await upload(app, `outage ${ulid()}`);
    const problem = await expectProblem(res, 503, 'dependency-unavailable');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(problem.detail).toContain('nothing was accepted');
  });
});

describe('health', () => {
  it('is ready when every dependency answers, and names the one that does not', async () => {
    const temporal = Connection.lazy({ address: env['TEMPORAL_ADDRESS']! });
    const checks = (s3: S3Client) =>
      dependencyChecks({ jsm: clients.jsm, db: clients.db, s3, bucket: clients.bucket, temporal });
    const ready = await appWith({ readinessChecks: checks(clients.s3) }).request('/readyz');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toMatchObject({ checks: { nats: { ok: true }, temporal: { ok: true } } });

    // A real unreachable store: nothing listens on port 1.
    const deadS3 = createS3({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      accessKeyId: 'x',
      secretAccessKey: 'y',
    });
    const broken = appWith({ readinessChecks: checks(deadS3) });
    const problem = await expectProblem(await broken.request('/readyz'), 503, 'dependency-unavailable');
    expect(problem.detail).toMatch(/^Not ready: s3:/);
    expect((await broken.request('/healthz')).status).toBe(200);
    deadS3.destroy();
    await temporal.close();
  });
});
