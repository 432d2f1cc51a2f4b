import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type {
  CreatedApiKey,
  CreatedWebhook,
  WebhookDeliveryPage,
  CreateRunResponse,
  FindingsResponse,
  RunResponse,
  TargetResponse,
} from '@fuzzforge/contracts';
import { tarGzOf } from '../support/archive';
import { anonymousFetch, withKey } from '../support/apiKey';
import { eventually } from '../support/http';
import { fetchOpenApiConformance, type OpenApiConformance } from '../support/openApiConformance';
import { sarifValidator } from '../support/sarif';
import { startWebhookReceiver } from '../support/webhookReceiver';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = inject('apiUrl');

/** A .tar.gz of the given entries, names taken as they are (`../` included). */
async function tarGzOfEntries(entries: { name: string; body: string }[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const e of entries) archive.entry({ name: e.name }, e.body);
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json<T>(): T;
}

describe('the running API conforms to its OpenAPI document', () => {
  let conformance: OpenApiConformance;
  const project = `openapi-${ulid().toLowerCase()}`;
  const keys: string[] = [];

  /**
   * Sends a request and fails the test unless the answer is one the document allows for `template`:
   * a documented status, a documented Content-Type, a body that matches its schema, required headers.
   */
  async function call(
    method: string,
    template: string,
    url: string,
    init: RequestInit = {},
    send: typeof fetch = fetch,
  ): Promise<Answer> {
    const res = await send(`${api}${url}`, { ...init, method });
    const text = await res.text();
    const violations = conformance.violations(method, template, res.status, res.headers, text);
    expect(violations, `${method} ${url} → ${res.status}: ${text.slice(0, 300)}`).toEqual([]);
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  const postJson = (template: string, url: string, body: unknown, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('content-type', 'application/json');
    return call('POST', template, url, { ...init, headers, body: JSON.stringify(body) });
  };

  /**
   * POSTs an oversized body with node:http, which reads an answer the server gives before taking the
   * whole body (the 413); fetch reports the connection the server then closes as a failure instead.
   */
  function postOversized(template: string, url: string, body: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(`${api}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('apiKey')}` },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers(
            Object.entries(res.headers).map(([k, v]): [string, string] => [k, String(v)]),
          );
          const status = res.statusCode ?? 0;
          const violations = conformance.violations('POST', template, status, headers, text);
          expect(violations, `POST ${url} → ${status}: ${text.slice(0, 300)}`).toEqual([]);
          resolve({ status, headers, text, json: <T>() => JSON.parse(text) as T });
        });
      });
      // Once answered, the server may close the connection on the rest of the body: not a failure.
      req.on('error', (err) => (answered ? undefined : reject(err)));
      req.end(body);
    });
  }

  async function createKey(request: Record<string, unknown>): Promise<CreatedApiKey> {
    const created = await postJson('/v1/admin/keys', '/v1/admin/keys', {
      name: `openapi-${ulid()}`,
      ...request,
    });
    expect(created.status).toBe(201);
    const key = created.json<CreatedApiKey>();
    keys.push(key.id);
    return key;
  }

  beforeAll(async () => {
    conformance = await fetchOpenApiConformance(api);
  });

  afterAll(async () => {
    for (const id of keys) await fetch(`${api}/v1/admin/keys/${id}`, { method: 'DELETE' });
  });

  it('has a checker that can say no', () => {
    const json = new Headers({ 'content-type': 'application/json' });
    expect(conformance.violations('GET', '/healthz', 200, json, '{"status":"ok"}')).toEqual([]);
    expect(conformance.violations('GET', '/healthz', 200, json, '{"status":"fine"}')).not.toEqual([]);
    expect(conformance.violations('GET', '/healthz', 418, json, '{}')).not.toEqual([]);
    expect(
      conformance.violations('GET', '/healthz', 200, new Headers({ 'content-type': 'text/plain' }), 'ok'),
    ).not.toEqual([]);
  });

  it('serves the document and the interactive docs without a key, from the API itself', async () => {
    const doc = await call('GET', '/openapi.json', '/openapi.json', {}, anonymousFetch);
    expect(doc.json<{ openapi: string }>().openapi).toBe('3.1.0');
    const page = await call('GET', '/docs', '/docs', {}, anonymousFetch);
    expect(page.text).toContain('swagger-ui');
    // Nothing is loaded from elsewhere: the machine running the API may have no internet.
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...page.text.matchAll(/(?:src|href)="(docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      const res = await call('GET', '/docs/{asset}', `/${asset}`, {}, anonymousFetch);
      expect(res.status, asset).toBe(200);
      expect(res.text.length, asset).toBeGreaterThan(100);
    }
    for (const other of ['package.json', '..%2Fpackage.json', '..%2F..%2Fpackage.json']) {
      expect((await call('GET', '/docs/{asset}', `/docs/${other}`, {}, anonymousFetch)).status, other).toBe(
        404,
      );
    }
    await call('GET', '/healthz', '/healthz', {}, anonymousFetch);
    await call('GET', '/readyz', '/readyz', {}, anonymousFetch);
  });

  it('upload, scan, list and read findings and SARIF: every answer as documented', async () => {
    const archive = await tarGzOf(path.join(here, '..', 'fixtures', 'leaky-app'));
    const raw = await call('POST', '/v1/targets', '/v1/targets?filename=leaky-app.tar.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: archive,
    });
    expect(raw.status).toBe(201);
    const target = raw.json<TargetResponse>();
    const form = new FormData();
    form.append('file', new Blob([archive], { type: 'application/gzip' }), 'leaky-app.tar.gz');
    const multipart = await call('POST', '/v1/targets', '/v1/targets', { body: form });
    expect(multipart.json<TargetResponse>().id).toBe(target.id);
    await call('GET', '/v1/targets/{id}', `/v1/targets/${target.id}`);
    const targets = await call('GET', '/v1/targets', '/v1/targets?limit=1');
    const next = targets.json<{ next: string | null }>().next;
    if (next) await call('GET', '/v1/targets', `/v1/targets?limit=1&cursor=${next}`);

    await call('GET', '/v1/workflows', '/v1/workflows');
    await call('GET', '/v1/workflows/{name}', '/v1/workflows/secret-scan');

    const created = await postJson('/v1/runs', '/v1/runs', {
      target: target.id,
      workflow: 'secret-scan',
      project,
    });
    expect(created.status).toBe(202);
    const runId = created.json<CreateRunResponse>().id;
    await eventually(
      async () => {
        const run = (await call('GET', '/v1/runs/{id}', `/v1/runs/${runId}`)).json<RunResponse>();
        if (run.status === 'failed') expect.fail(`run failed: ${JSON.stringify(run.error)}`);
        return run.status === 'completed' ? run : undefined;
      },
      180_000,
      'the secret scan to complete',
    );

    await call(
      'GET',
      '/v1/runs',
      `/v1/runs?project=${project}&status=completed&workflow=secret-scan&limit=5`,
    );
    const findings = await call('GET', '/v1/runs/{id}/findings', `/v1/runs/${runId}/findings`);
    const reported = findings.json<FindingsResponse>().findings;
    expect(reported.length).toBeGreaterThan(0);
    const sarif = await call('GET', '/v1/runs/{id}/findings', `/v1/runs/${runId}/findings?format=sarif`);
    expect(sarif.headers.get('content-type')).toContain('application/sarif+json');
    expect((await sarifValidator())(sarif.json()).valid).toBe(true);
    const viaAccept = await call('GET', '/v1/runs/{id}/findings', `/v1/runs/${runId}/findings`, {
      headers: { accept: 'application/sarif+json' },
    });
    expect(viaAccept.headers.get('content-type')).toContain('application/sarif+json');
    const events = await call('GET', '/v1/runs/{id}/events', `/v1/runs/${runId}/events`);
    expect(events.text).toContain('event: ff.run.completed');
    await call('GET', '/v1/runs/{id}/crashes', `/v1/runs/${runId}/crashes`);

    await call('GET', '/v1/findings', `/v1/findings?project=${project}&severity=critical&limit=2`);
    await call('GET', '/v1/findings', `/v1/findings?run=${runId}&status=open`);
    const findingId = reported.find((f) => f.findingId)?.findingId;
    expect(findingId).toBeTruthy();
    await call('GET', '/v1/findings/{id}', `/v1/findings/${findingId}`);
    const nulComment = await call('PATCH', '/v1/findings/{id}', `/v1/findings/${findingId}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'accepted_risk', comment: 'nul \u0000 inside' }),
    });
    expect(nulComment.status, 'a NUL the read model cannot store is refused up front').toBe(400);
    const triaged = await call('PATCH', '/v1/findings/{id}', `/v1/findings/${findingId}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'accepted_risk', comment: 'test fixture' }),
    });
    expect(triaged.status).toBe(200);
    await call('GET', '/v1/corpora', `/v1/corpora?project=${project}`);

    const lateCancel = await postJson('/v1/runs/{id}/cancel', `/v1/runs/${runId}/cancel`, {});
    expect(lateCancel.status).toBe(409);
    const retry = await call('POST', '/v1/runs/{id}/retry', `/v1/runs/${runId}/retry`);
    expect(retry.status).toBe(202);
    const retryId = retry.json<CreateRunResponse>().id;
    // 202 while the retry runs, 409 if it already ended: both are documented answers.
    await postJson('/v1/runs/{id}/cancel', `/v1/runs/${retryId}/cancel`, { reason: 'conformance test' });
  });

  it('reads the admin views as documented', async () => {
    await call('GET', '/v1/admin/consumers', '/v1/admin/consumers');
    await call('GET', '/v1/admin/dlq', '/v1/admin/dlq?limit=2');
    await call('GET', '/v1/admin/audit', '/v1/admin/audit?limit=2');
    await call('GET', '/v1/admin/requests', '/v1/admin/requests?limit=2');
    await call('GET', '/v1/admin/keys', '/v1/admin/keys');
    const key = await createKey({ scopes: ['read'], projects: [project] });
    await call('GET', '/v1/admin/keys/{id}', `/v1/admin/keys/${key.id}`);
    expect((await call('DELETE', '/v1/admin/keys/{id}', `/v1/admin/keys/${key.id}`)).status).toBe(200);
  });

  it('serves webhooks and their delivery log as documented', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await postJson('/v1/webhooks', '/v1/webhooks', {
        url: receiver.url,
        eventTypes: ['ff.target.uploaded'],
        projects: [project],
        description: 'conformance',
      });
      expect(created.status).toBe(201);
      const webhook = created.json<CreatedWebhook>();
      const at = `/v1/webhooks/${webhook.id}`;
      await call('GET', '/v1/webhooks', '/v1/webhooks');
      await call('GET', '/v1/webhooks/{id}', at);
      const patch = (body: unknown) =>
        call('PATCH', '/v1/webhooks/{id}', at, {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await patch({ description: 'conformance, renamed' })).status).toBe(200);
      expect((await patch({})).status).toBe(400);
      const pinged = await call('POST', '/v1/webhooks/{id}/ping', `${at}/ping`);
      expect(pinged.status).toBe(202);
      expect((await call('POST', '/v1/webhooks/{id}/ping', '/v1/webhooks/wh_none/ping')).status).toBe(404);
      const rotate = `${at}/rotate-secret`;
      const rotated = await call('POST', '/v1/webhooks/{id}/rotate-secret', rotate);
      expect(rotated.status).toBe(200);
      expect(rotated.json<CreatedWebhook>().secret).not.toBe(webhook.secret);
      expect((await postJson('/v1/webhooks/{id}/rotate-secret', rotate, { graceSeconds: 0 })).status).toBe(
        200,
      );
      expect((await postJson('/v1/webhooks/{id}/rotate-secret', rotate, { graceSeconds: -1 })).status).toBe(
        400,
      );
      expect(
        (await postJson('/v1/webhooks/{id}/rotate-secret', '/v1/webhooks/wh_none/rotate-secret', {})).status,
      ).toBe(404);

      // An upload to the project makes a delivery.
      const upload = await call('POST', '/v1/targets', `/v1/targets?filename=hook.txt&project=${project}`, {
        headers: { 'content-type': 'application/octet-stream' },
        body: `conformance ${ulid()}`,
      });
      expect(upload.status).toBe(201);
      const deliveries = await eventually(
        async () => {
          const page = await call('GET', '/v1/webhooks/{id}/deliveries', `${at}/deliveries?limit=5`);
          const [first] = page.json<WebhookDeliveryPage>().deliveries;
          return first?.status === 'succeeded' ? first : undefined;
        },
        30_000,
        'the delivery',
      );
      await call('GET', '/v1/webhooks/{id}/deliveries', `${at}/deliveries?status=dead-lettered`);
      await call('GET', '/v1/webhooks/{id}/deliveries/{deliveryId}', `${at}/deliveries/${deliveries.id}`);
      const redelivered = await call(
        'POST',
        '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
        `${at}/deliveries/${deliveries.id}/redeliver`,
      );
      expect(redelivered.status).toBe(202);
      expect((await patch({ enabled: false })).json<{ disabledReason: string }>().disabledReason).toBe(
        'manual',
      );
      const refused = await call(
        'POST',
        '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
        `${at}/deliveries/${deliveries.id}/redeliver`,
      );
      expect(refused.status).toBe(409);
      expect((await call('GET', '/v1/webhooks/{id}/deliveries', `${at}/deliveries?status=lost`)).status).toBe(
        400,
      );
      expect(
        (await call('GET', '/v1/webhooks/{id}/deliveries/{deliveryId}', `${at}/deliveries/msg_none`)).status,
      ).toBe(404);
      expect((await call('DELETE', '/v1/webhooks/{id}', at)).status).toBe(204);
      expect((await call('GET', '/v1/webhooks/{id}', at)).status).toBe(404);
      expect((await call('DELETE', '/v1/webhooks/{id}', at)).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('answers errors with documented problems', async () => {
    const missing = [
      ['/v1/runs/{id}', '/v1/runs/no-such-run'],
      ['/v1/runs/{id}/findings', '/v1/runs/no-such-run/findings'],
      ['/v1/runs/{id}/events', '/v1/runs/no-such-run/events'],
      ['/v1/runs/{id}/crashes', '/v1/runs/no-such-run/crashes'],
      ['/v1/targets/{id}', '/v1/targets/no-such-target'],
      ['/v1/workflows/{name}', '/v1/workflows/no-such-workflow'],
      ['/v1/crashes/{id}', '/v1/crashes/no-such-crash'],
      ['/v1/crashes/{id}/input', '/v1/crashes/no-such-crash/input'],
      ['/v1/findings/{id}', '/v1/findings/no-such-finding'],
      ['/v1/admin/dlq/{id}', '/v1/admin/dlq/999999999999'],
      ['/v1/admin/keys/{id}', '/v1/admin/keys/no-such-key'],
    ] as const;
    for (const [template, url] of missing) expect((await call('GET', template, url)).status, url).toBe(404);

    const invalid = [
      ['/v1/runs', '/v1/runs?limit=0'],
      ['/v1/runs', '/v1/runs?status=sleeping'],
      ['/v1/runs', '/v1/runs?cursor=not-a-cursor'],
      ['/v1/targets', '/v1/targets?limit=501'],
      ['/v1/findings', '/v1/findings?severity=dire'],
      ['/v1/corpora', '/v1/corpora?project=Not%20A%20Project'],
      ['/v1/admin/dlq', '/v1/admin/dlq?since=yesterday'],
    ] as const;
    for (const [template, url] of invalid) expect((await call('GET', template, url)).status, url).toBe(400);

    const notJson = await call('POST', '/v1/runs', '/v1/runs', {
      headers: { 'content-type': 'application/json' },
      body: '{"target":',
    });
    expect(notJson.json<{ code: string }>().code).toBe('invalid-json');
    expect((await postJson('/v1/runs', '/v1/runs', { workflow: 'secret-scan' })).status).toBe(400);
    expect((await postJson('/v1/runs', '/v1/runs', { target: 'nothing', workflow: 'nope' })).status).toBe(
      404,
    );
    const huge = await postOversized('/v1/runs', '/v1/runs', Buffer.alloc(2 << 20, 'x'));
    expect(huge.status).toBe(413);

    const upload = (headers: Record<string, string>, body: string) =>
      call('POST', '/v1/targets', '/v1/targets', { headers, body });
    expect((await upload({ 'content-type': 'text/plain' }, 'hello')).status).toBe(415);
    expect((await upload({ 'content-type': 'application/gzip' }, 'not gzip at all')).status).toBe(415);
    expect((await upload({ 'content-type': 'application/octet-stream' }, '')).status).toBe(400);
    const noFile = await upload({ 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n');
    expect(noFile.status).toBe(400);
    const escaping = await call('POST', '/v1/targets', '/v1/targets', {
      headers: { 'content-type': 'application/gzip' },
      body: await tarGzOfEntries([{ name: '../outside.txt', body: 'escaped' }]),
    });
    expect(escaping.json<{ code: string }>().code).toBe('unsafe-archive');
  });

  it('keeps hostile ids and names from reaching past the edge', async () => {
    // A NUL cannot be looked up in Postgres: a 400, not a 500.
    expect((await call('GET', '/v1/runs/{id}', '/v1/runs/%00')).status).toBe(400);
    expect((await call('GET', '/v1/findings', '/v1/findings?new-since-run=a%00')).status).toBe(400);
    // Nor can a cursor whose time is not one.
    const badTime = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    expect((await call('GET', '/v1/runs', `/v1/runs?cursor=${badTime}`)).status).toBe(400);
    // A wildcard id names no run or target (JetStream would answer another one's event).
    expect((await call('GET', '/v1/runs/{id}', '/v1/runs/%2A')).status).toBe(404);
    expect((await call('GET', '/v1/targets/{id}', '/v1/targets/%3E')).status).toBe(404);
    expect((await postJson('/v1/runs/{id}/cancel', '/v1/runs/%3E/cancel', {})).status).toBe(404);

    // Control characters leave an upload's name; a malformed %-escape is kept as sent.
    const bytes = `conformance ${ulid()}`;
    const named = await call('POST', '/v1/targets', '/v1/targets?filename=a%00b%0A.txt', {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const target = named.json<TargetResponse>();
    expect(target.filename).toBe('ab.txt');
    const disposition = await call('POST', '/v1/targets', '/v1/targets', {
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': "attachment; filename*=UTF-8''%E0%A4%A.txt",
      },
      body: `${bytes} again`,
    });
    expect(disposition.json<TargetResponse>().filename).toBe('%E0%A4%A.txt');
    // Projected, not parked in the dead-letter stream: it shows in the listing.
    await eventually(
      async () => {
        const page = (await call('GET', '/v1/targets', '/v1/targets?limit=100')).json<{
          targets: TargetResponse[];
        }>();
        return page.targets.some((t) => t.id === target.id) ? true : undefined;
      },
      30_000,
      'the upload to be projected',
    );
  });

  it('answers 401, 403 and 429 as documented', async () => {
    expect((await call('GET', '/v1/runs', '/v1/runs', {}, anonymousFetch)).status).toBe(401);
    const reader = await createKey({ scopes: ['read'] });
    const denied = await postJson(
      '/v1/runs',
      '/v1/runs',
      { target: 'x', workflow: 'y' },
      withKey(reader.key),
    );
    expect(denied.status).toBe(403);
    const slow = await createKey({ scopes: ['read'], rateLimit: { perSecond: 0.01, burst: 1 } });
    expect((await call('GET', '/v1/workflows', '/v1/workflows', withKey(slow.key))).status).toBe(200);
    const limited = await call('GET', '/v1/workflows', '/v1/workflows', withKey(slow.key));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
