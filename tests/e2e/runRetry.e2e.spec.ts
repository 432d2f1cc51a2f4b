import { describe, expect, inject, it } from 'vitest';
import type { CreateRunResponse } from '@fuzzforge/contracts';
import { json } from '../support/http';
import { completedRun, findingsOf, requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

describe('POST /v1/runs/:id/retry', () => {
  it('creates a new run with the same target, workflow, parameters and project', async () => {
    const target = await uploadFixture(api, 'leaky-app');
    const first = await requestRun(api, target.id, 'secret-scan', { redact: false }, 'retry-demo');
    const original = await completedRun(api, first);

    const res = await fetch(`${api}/v1/runs/${first}/retry`, { method: 'POST' });
    expect(res.status).toBe(202);
    const created = await json<CreateRunResponse>(res);
    expect(created).toMatchObject({ status: 'queued', retryOf: first });
    expect(created.id).not.toBe(first);
    expect(res.headers.get('location')).toBe(`/v1/runs/${created.id}`);

    const retried = await completedRun(api, created.id);
    expect(retried).toMatchObject({
      target: original.target,
      workflow: 'secret-scan',
      parameters: original.parameters,
      project: 'retry-demo',
      retryOf: first,
    });
    const fingerprints = async (id: string) => (await findingsOf(api, id)).map((f) => f.fingerprint).sort();
    expect(await fingerprints(created.id)).toEqual(await fingerprints(first));
  });

  it('answers 404 for a run that does not exist, and 409 for one that has not ended', async () => {
    const missing = await fetch(`${api}/v1/runs/01J00000000000000000000000/retry`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const target = await uploadFixture(api, 'leaky-app');
    const id = await requestRun(api, target.id, 'secret-scan');
    // Asked right after the request: the run is queued (or just started), never ended yet.
    const early = await fetch(`${api}/v1/runs/${id}/retry`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect((await json<{ code: string }>(early)).code).toBe('run-not-finished');
    await completedRun(api, id);
  });
});
