import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import {
  FuzzForgeApiError,
  FuzzForgeClient,
  FuzzForgeConnectionError,
  type UploadProgress,
} from '@fuzzforge/sdk';
import { anonymousFetch } from '../support/apiKey';
import { tarGzOf } from '../support/archive';

const apiUrl = inject('apiUrl');
const apiKey = inject('apiKey');
const leakyApp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'leaky-app');
const client = new FuzzForgeClient({ baseUrl: apiUrl, apiKey });

/** A port nothing listens on: the kernel's pick, released again. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('the SDK against the real API', () => {
  it('uploads a directory with progress, runs a scan, follows its events and reads its findings', async () => {
    const project = `sdk-${ulid().toLowerCase()}`;
    const progress: UploadProgress[] = [];
    const target = await client.targets.upload(leakyApp, { project, onProgress: (p) => progress.push(p) });
    expect(target).toMatchObject({ filename: 'leaky-app.tar.gz', contentType: 'application/gzip' });
    expect(target.projects).toContain(project);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.sentBytes).toBe(target.size);
    expect(progress.map((p) => p.sentBytes)).toEqual(
      [...progress.map((p) => p.sentBytes)].sort((a, b) => a - b),
    );

    const created = await client.runs.create({ target: target.id, workflow: 'secret-scan', project });
    const types: string[] = [];
    let lastId: string | undefined;
    for await (const e of client.runs.events(created.id)) {
      types.push(e.event.type);
      if (e.event.type === 'ff.run.started') lastId = e.id;
    }
    expect(types[0]).toBe('ff.run.started');
    expect(types.at(-1)).toBe('ff.run.completed');
    expect(types).toContain('ff.run.finding');

    // Resuming after an event replays only what came after it.
    const resumed: string[] = [];
    for await (const e of client.runs.events(created.id, { lastEventId: lastId! }))
      resumed.push(e.event.type);
    expect(resumed).toEqual(types.slice(1));

    const run = await client.runs.wait(created.id, { intervalMs: 200 });
    expect(run.status).toBe('completed');
    const findings = await client.runs.findings(created.id);
    expect(
      findings.findings.some((f) => f.ruleId === 'aws-access-token' && f.location.path === 'config/aws.ini'),
    ).toBe(true);
    const sarif = await client.runs.sarif(created.id);
    expect(sarif['version']).toBe('2.1.0');
    const listed = await client.findings.list({ project });
    expect(listed.findings.length).toBe(findings.findings.length);
  });

  it('uploads bytes and a file path, content-addressed', async () => {
    const archive = await tarGzOf(leakyApp);
    // Named like every other upload of these bytes: the first upload of a target names it.
    const fromBytes = await client.targets.upload(archive, { filename: 'leaky-app.tar.gz' });
    expect(fromBytes.contentType).toBe('application/gzip');
    const again = await client.targets.upload(new Uint8Array(archive), { filename: 'other-name.tgz' });
    expect(again.id).toBe(fromBytes.id);
  });

  it('submits once when the answer to a submission is lost and the SDK retries it', async () => {
    // A lost answer (the API stored the run, the connection died before the 202 arrived) cannot be
    // caused on demand with a real network, so this fetch forwards the first submission to the real
    // API and then fails as a reset connection would; the retry is real.
    let lost = 0;
    const losingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (
        init?.method === 'POST' &&
        (input instanceof Request ? input.url : input.toString()).endsWith('/v1/runs') &&
        lost === 0
      ) {
        lost += 1;
        await res.body?.cancel();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return res;
    };
    const flaky = new FuzzForgeClient({
      baseUrl: apiUrl,
      apiKey,
      fetch: losingFetch,
      retry: { baseDelayMs: 10 },
    });
    const project = `sdk-idem-${ulid().toLowerCase()}`;
    const target = await client.targets.upload(leakyApp, { project });
    const created = await flaky.runs.create({ target: target.id, workflow: 'secret-scan', project });
    expect(lost).toBe(1);
    await client.runs.wait(created.id, { intervalMs: 200 });
    const runs = await client.runs.list({ project });
    expect(runs.runs.map((r) => r.id)).toEqual([created.id]);
  });

  it('waits out a rate limit, and reports API and connection errors with what they mean', async () => {
    const limited = await client.admin.keys.create({
      name: `sdk-${ulid()}`,
      scopes: ['read'],
      rateLimit: { perSecond: 2, burst: 1 },
    });
    const slow = new FuzzForgeClient({ baseUrl: apiUrl, apiKey: limited.key });
    const answers = await Promise.all([1, 2, 3].map(() => slow.workflows.list()));
    expect(answers.every((w) => w.some((x) => x.name === 'secret-scan'))).toBe(true);

    const missing = await client.runs.get(ulid()).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FuzzForgeApiError);
    expect(missing).toMatchObject({ status: 404, code: 'run-not-found' });

    const anonymous = new FuzzForgeClient({ baseUrl: apiUrl, fetch: anonymousFetch });
    expect(await anonymous.workflows.list().catch((e: unknown) => e)).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });

    const nowhere = new FuzzForgeClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    const unreachable = await nowhere.workflows.list().catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(FuzzForgeConnectionError);
    expect((unreachable as Error).message).toContain('ECONNREFUSED');
    await client.admin.keys.revoke(limited.id);
  });
});
