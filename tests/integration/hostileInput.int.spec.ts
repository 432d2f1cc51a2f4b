import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { workflowCatalog } from '@fuzzforge/catalog';
import { streams, type Problem } from '@fuzzforge/contracts';
import { createApp, type ApiDeps } from '@fuzzforge/api';
import { createLogger } from '@fuzzforge/observability';
import { createSecretBox } from '@fuzzforge/platform';
import { overlappingZipBomb, tarGzBomb, tarOf, zipOf } from '@fuzzforge/platform/archive-testsupport';
import { withDefaultKey } from '../support/apiKey';
import { useClients, type Clients } from '../support/clients';
import { eventually, json } from '../support/http';

const api = inject('apiUrl');
const clientsOf = useClients(inject('serviceEnv'));

/** Everything a request could have stored: read-model rows, objects, and events. */
interface Stored {
  targetRows: number;
  runRows: number;
  objects: string[];
  targetsLastSeq: number;
  runsLastSeq: number;
}

async function keysUnder(c: Clients, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await c.s3.send(
      new ListObjectsV2Command({ Bucket: c.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

async function stored(c: Clients): Promise<Stored> {
  const count = async (table: 'targets' | 'runs'): Promise<number> =>
    Number((await c.db.selectFrom(table).select(c.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    targetRows: await count('targets'),
    runRows: await count('runs'),
    objects: [...(await keysUnder(c, 'targets/')), ...(await keysUnder(c, 'uploads/'))].sort(),
    targetsLastSeq: (await c.jsm.streams.info(streams.targets.name)).state.last_seq,
    runsLastSeq: (await c.jsm.streams.info(streams.runs.name)).state.last_seq,
  };
}

/** Waits until the projector has applied every target and run event, so nothing changes under a test. */
async function settled(c: Clients): Promise<void> {
  await eventually(
    async () => {
      const pending = await Promise.all(
        [
          [streams.targets.name, 'projector-targets'],
          [streams.runs.name, 'projector-runs'],
        ].map(async ([stream, consumer]) => {
          const info = await c.jsm.consumers.info(stream!, consumer!);
          return info.num_pending + info.num_ack_pending;
        }),
      );
      return pending.every((n) => n === 0) ? true : undefined;
    },
    30_000,
    'the projector to catch up',
  );
}

/** Runs `request` and checks its answer and that it stored nothing at all. */
async function refusedWithoutTrace(
  request: () => Promise<Response>,
  status: number,
  code: string,
): Promise<Problem> {
  const c = clientsOf();
  await settled(c);
  const before = await stored(c);
  const res = await request();
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await json<Problem>(res);
  expect(problem).toMatchObject({ status, code, type: `https://fuzzforge.dev/problems/${code}` });
  expect(problem.title).not.toBe('Error');
  expect(await stored(c)).toEqual(before);
  return problem;
}

const upload = (body: Uint8Array, contentType: string): Promise<Response> =>
  fetch(`${api}/v1/targets`, { method: 'POST', headers: { 'content-type': contentType }, body });

/** A multipart form by hand, so tests can break it in ways FormData never would. */
function multipart(boundary: string, file: Buffer, name = 'file'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="target.tar.gz"\r\n` +
        'Content-Type: application/gzip\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** The API in-process on the real stack, for limits too small to configure on the shared one. */
const appWith = (overrides: Partial<ApiDeps>) => {
  const c = clientsOf();
  return withDefaultKey(
    createApp({
      db: c.db,
      js: c.js,
      jsm: c.jsm,
      s3: c.s3,
      bucket: c.bucket,
      catalog: workflowCatalog,
      maxUploadBytes: 1024 * 1024,
      readinessChecks: [],
      // Creates no webhook: a key of its own, which the webhooks service would not hold.
      webhookSecrets: createSecretBox([{ id: 'in-process', key: randomBytes(32) }]),
      now: () => new Date(),
      newId: ulid,
      log: createLogger('hostile-input-test', { level: 'error' }),
      ...overrides,
    }),
    inject('apiKey'),
  );
};

let goodArchive: Buffer;
beforeAll(async () => {
  goodArchive = await tarOf([{ name: 'src/main.c', content: `int main(void) { return 0; } // ${ulid()}\n` }]);
});

describe('a rejected upload stores nothing', () => {
  it('notices a stored upload, so that its silence about refused ones means something', async () => {
    const c = clientsOf();
    await settled(c);
    const before = await stored(c);
    const res = await upload(goodArchive, 'application/gzip');
    expect(res.status).toBe(201);
    const after = await stored(c);
    expect(after.targetsLastSeq).toBe(before.targetsLastSeq + 1);
    expect(after.objects.length).toBe(before.objects.length + 1);
    await eventually(
      async () => ((await stored(c)).targetRows === before.targetRows + 1 ? true : undefined),
      30_000,
      'the target row',
    );
  });

  it('answers 413 to a Content-Length over the limit, before reading the body', async () => {
    const app = appWith({ maxUploadBytes: 1000 });
    await refusedWithoutTrace(
      () =>
        Promise.resolve(
          app.request('/v1/targets', {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream', 'content-length': '5000' },
            body: 'x'.repeat(5000),
          }),
        ),
      413,
      'payload-too-large',
    );
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const app = appWith({ maxUploadBytes: 100_000 });
    const chunk = new Uint8Array(16 * 1024).fill(7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    await refusedWithoutTrace(
      () =>
        Promise.resolve(
          app.request('/v1/targets', {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body,
            duplex: 'half',
          }),
        ),
      413,
      'payload-too-large',
    );
  });

  it('answers 400 to a multipart body cut off in the middle of its file', async () => {
    const whole = multipart('cut-here', goodArchive);
    const problem = await refusedWithoutTrace(
      () => upload(whole.subarray(0, whole.length - 30), 'multipart/form-data; boundary=cut-here'),
      400,
      'validation-failed',
    );
    expect(problem.detail).toMatch(/multipart/i);
  });

  it('answers 400 to malformed multipart: a boundary the body does not use, none at all, no file part', async () => {
    const form = multipart('the-real-one', goodArchive);
    await refusedWithoutTrace(
      () => upload(form, 'multipart/form-data; boundary=another-one'),
      400,
      'validation-failed',
    );
    await refusedWithoutTrace(() => upload(form, 'multipart/form-data'), 400, 'validation-failed');
    await refusedWithoutTrace(
      () => upload(multipart('b', goodArchive, 'notes'), 'multipart/form-data; boundary=b'),
      400,
      'validation-failed',
    );
  });
});

describe('hostile archives are refused at upload with 422', () => {
  it.each([
    ['a "../" entry', '../escape.txt', 'path-escape'],
    ['an absolute entry', '/etc/cron.d/pwn', 'path-escape'],
  ])('refuses a tar.gz with %s, naming the entry and the rule', async (_, name, rule) => {
    const archive = await tarOf([
      { name: 'ok.txt', content: 'fine' },
      { name, content: 'pwned' },
    ]);
    const problem = await refusedWithoutTrace(
      () => upload(archive, 'application/gzip'),
      422,
      'unsafe-archive',
    );
    expect(problem.errors).toEqual([{ path: name, message: rule }]);
    expect(problem.detail).toContain(name);
  });

  it('refuses an absolute entry in a plain tar and a "../" entry in a zip', async () => {
    const tar = await tarOf([{ name: '/root/.ssh/authorized_keys', content: 'key' }], false);
    await refusedWithoutTrace(() => upload(tar, 'application/x-tar'), 422, 'unsafe-archive');
    const zip = zipOf([{ name: '../../escape.txt', data: Buffer.from('pwned') }]);
    const problem = await refusedWithoutTrace(() => upload(zip, 'application/zip'), 422, 'unsafe-archive');
    expect(problem.errors).toEqual([{ path: '../../escape.txt', message: 'path-escape' }]);
  });

  it('refuses symlinks that lead outside, in a tar.gz and in a zip', async () => {
    const tar = await tarOf([
      { name: 'x/y/b', type: 'symlink', linkname: '../..' },
      // Inside by its text, outside once `b` is followed: only the kernel's way of resolving sees it.
      { name: 'x/y/c', type: 'symlink', linkname: 'b/../../..' },
    ]);
    const viaTar = await refusedWithoutTrace(() => upload(tar, 'application/gzip'), 422, 'unsafe-archive');
    expect(viaTar.errors).toEqual([{ path: 'x/y/c', message: 'link-escape' }]);
    const zip = zipOf([{ name: 'shadow', data: Buffer.from('/etc/shadow'), unixMode: 0o120777 }]);
    const viaZip = await refusedWithoutTrace(() => upload(zip, 'application/zip'), 422, 'unsafe-archive');
    expect(viaZip.errors).toEqual([{ path: 'shadow', message: 'link-escape' }]);
  });

  it('refuses a hostile archive sent as a multipart form just the same', async () => {
    const archive = await tarOf([{ name: '../escape.txt', content: 'pwned' }]);
    await refusedWithoutTrace(
      () => upload(multipart('form', archive), 'multipart/form-data; boundary=form'),
      422,
      'unsafe-archive',
    );
  });

  it('refuses a zip bomb small on the wire', async () => {
    // 1000 directory records over one deflated MiB of zeros: ~60 KB that would expand to 1 GiB.
    const bomb = overlappingZipBomb(1000, 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const problem = await refusedWithoutTrace(() => upload(bomb, 'application/zip'), 422, 'unsafe-archive');
    expect(problem.errors?.[0]?.message).toBe('compression-ratio');
  });

  it('refuses a tar.gz bomb small on the wire', async () => {
    const bomb = await tarGzBomb(256 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const problem = await refusedWithoutTrace(() => upload(bomb, 'application/gzip'), 422, 'unsafe-archive');
    expect(problem.errors).toEqual([{ path: '', message: 'compression-ratio' }]);
  });

  it('refuses archives past the entry and byte limits', async () => {
    const app = appWith({
      archiveLimits: { maxEntries: 5, maxBytes: 4096, maxCompressionRatio: 100, ratioExemptBytes: 1e9 },
    });
    const many = await tarOf(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, content: 'x' })));
    const tooMany = await refusedWithoutTrace(
      () =>
        Promise.resolve(
          app.request('/v1/targets', {
            method: 'POST',
            headers: { 'content-type': 'application/gzip' },
            body: many,
          }),
        ),
      422,
      'unsafe-archive',
    );
    expect(tooMany.errors).toEqual([{ path: 'f5', message: 'too-many-entries' }]);
    const big = await tarOf([{ name: 'big.bin', content: Buffer.alloc(8192, 'a') }]);
    const tooBig = await refusedWithoutTrace(
      () =>
        Promise.resolve(
          app.request('/v1/targets', {
            method: 'POST',
            headers: { 'content-type': 'application/gzip' },
            body: big,
          }),
        ),
      422,
      'unsafe-archive',
    );
    expect(tooBig.errors).toEqual([{ path: 'big.bin', message: 'too-large' }]);
  });

  it('answers 422 corrupt-archive to a gzip that holds no tar', async () => {
    await refusedWithoutTrace(
      () => upload(gzipSync(`just text ${ulid()}\n`.repeat(50)), 'application/gzip'),
      422,
      'corrupt-archive',
    );
  });
});

describe('hostile run requests store nothing', () => {
  const runRequest = (body: string): Promise<Response> =>
    fetch(`${api}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers 400 to a body that is not JSON', async () => {
    await refusedWithoutTrace(() => runRequest('{"target": "abc", "workflow":'), 400, 'invalid-json');
  });

  it('answers 404 to an unknown workflow', async () => {
    const target = await json<{ id: string }>(await upload(goodArchive, 'application/gzip'));
    const problem = await refusedWithoutTrace(
      () => runRequest(JSON.stringify({ target: target.id, workflow: 'no-such-workflow', parameters: {} })),
      404,
      'workflow-not-found',
    );
    expect(problem.detail).toContain('no-such-workflow');
  });
});
