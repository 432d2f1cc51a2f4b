import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { CreatedApiKey, CreateRunResponse, Problem, RunListResponse } from '@fuzzforge/contracts';
import { withKey } from '../support/apiKey';
import { eventually, json } from '../support/http';
import { uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

const submit = (body: unknown, idempotencyKey?: string, init: RequestInit = {}) =>
  fetch(`${api}/v1/runs`, {
    ...init,
    method: 'POST',
    headers: {
      ...Object.fromEntries(new Headers(init.headers)),
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });

const runsOf = async (project: string) =>
  (await json<RunListResponse>(await fetch(`${api}/v1/runs?project=${project}&limit=500`))).runs;

describe('POST /v1/runs with an Idempotency-Key', () => {
  it('answers a repeated submission with the run the first one created, never a second run', async () => {
    const project = `idem-${ulid().toLowerCase()}`;
    const target = await uploadFixture(api, 'leaky-app');
    const request = { target: target.id, workflow: 'secret-scan', project };
    const key = `ci-job-${ulid()}`;

    const first = await submit(request, key);
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await json<CreateRunResponse>(first);

    // The client timed out and retries, several times and at once.
    const retries = await Promise.all([1, 2, 3, 4].map(() => submit(request, key)));
    for (const retry of retries) {
      expect(retry.status).toBe(202);
      expect((await json<CreateRunResponse>(retry)).id).toBe(created.id);
    }
    expect(retries.some((r) => r.headers.get('idempotent-replayed') === 'true')).toBe(true);
    const runs = await eventually(
      async () => {
        const found = await runsOf(project);
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the run in its project',
    );
    expect(runs.map((r) => r.id)).toEqual([created.id]);

    // Without a key each submission is a new run.
    const plain = await json<CreateRunResponse>(await submit(request));
    expect(plain.id).not.toBe(created.id);
  });

  it('refuses the same key for a different request, and keeps keys of different API keys apart', async () => {
    const project = `idem-${ulid().toLowerCase()}`;
    const target = await uploadFixture(api, 'leaky-app');
    const key = `ci-job-${ulid()}`;
    const created = await json<CreateRunResponse>(
      await submit({ target: target.id, workflow: 'secret-scan', project }, key),
    );

    const reused = await submit(
      { target: target.id, workflow: 'secret-scan', project, parameters: { redact: false } },
      key,
    );
    expect(reused.status).toBe(409);
    expect(await json<Problem>(reused)).toMatchObject({ code: 'idempotency-key-reused' });

    const other = await json<CreatedApiKey>(
      await fetch(`${api}/v1/admin/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `idem-${ulid()}`, scopes: ['submit'] }),
      }),
    );
    const theirs = await submit(
      { target: target.id, workflow: 'secret-scan', project },
      key,
      withKey(other.key),
    );
    expect(theirs.status).toBe(202);
    expect((await json<CreateRunResponse>(theirs)).id).not.toBe(created.id);

    const bad = await submit({ target: target.id, workflow: 'secret-scan', project }, 'has spaces in it');
    expect(bad.status).toBe(400);
  });
});
