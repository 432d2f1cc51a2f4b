import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type {
  ApiKeyList,
  FindingListResponse,
  ProjectFindingResponse,
  CreatedApiKey,
  CreateApiKeyRequest,
  Problem,
  RequestAuditPage,
  RunListResponse,
  RunResponse,
  TargetListResponse,
  TargetResponse,
} from '@fuzzforge/contracts';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anonymousFetch, withKey } from '../support/apiKey';
import { tarGzOf } from '../support/archive';
import { eventually, json } from '../support/http';
import { completedRun, requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');
const leakyApp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'leaky-app');

const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await json<Problem>(res);
  expect(problem).toMatchObject({ status, code });
  return problem;
};

/** Creates a key with the bootstrap admin key (which the test setup sends by default). */
async function createKey(
  request: Omit<CreateApiKeyRequest, 'name'> & { name?: string },
): Promise<CreatedApiKey> {
  const res = await fetch(`${api}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `auth-test-${ulid()}`, ...request }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return json<CreatedApiKey>(res);
}

const as = (key: string, path: string, init: RequestInit = {}) => fetch(`${api}${path}`, withKey(key, init));

const postRun = (key: string, body: unknown) =>
  as(key, '/v1/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('API keys', () => {
  it('leaves the probes open and closes everything else to callers without a usable key', async () => {
    expect((await anonymousFetch(`${api}/healthz`)).status).toBe(200);
    expect((await anonymousFetch(`${api}/readyz`)).status).toBe(200);

    const missing = await anonymousFetch(`${api}/v1/runs`);
    const problem = await expectProblem(missing, 401, 'unauthorized');
    expect(problem.detail).toContain('Authorization: Bearer');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm="fuzzforge"/);

    await expectProblem(await as('ffk_not-a-key-anyone-was-given', '/v1/runs'), 401, 'unauthorized');
    const basic = await anonymousFetch(`${api}/v1/runs`, { headers: { authorization: 'Basic YTpi' } });
    await expectProblem(basic, 401, 'unauthorized');
    // Unknown routes are not a way around it.
    await expectProblem(await anonymousFetch(`${api}/v1/nothing-here`), 401, 'unauthorized');
    await expectProblem(await anonymousFetch(`${api}/v1/admin/keys`), 401, 'unauthorized');
  });

  it('shows a new key once, and only its prefix afterwards', async () => {
    const created = await createKey({ scopes: ['read'] });
    expect(created.key).toMatch(/^ffk_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({
      scopes: ['read'],
      projects: null,
      createdBy: 'bootstrap',
      revokedAt: null,
    });

    const list = await json<ApiKeyList>(await fetch(`${api}/v1/admin/keys`));
    const listed = list.keys.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ prefix: created.prefix, scopes: ['read'] });
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(listed).not.toHaveProperty('key');
    expect(listed).not.toHaveProperty('hash');
  });

  it('lets each scope do what it names and nothing more', async () => {
    const reader = await createKey({ scopes: ['read'] });
    const submitter = await createKey({ scopes: ['submit'] });

    expect((await as(reader.key, '/v1/runs?limit=1')).status).toBe(200);
    expect((await as(reader.key, '/v1/workflows')).status).toBe(200);
    const target = await uploadFixture(api, 'leaky-app');
    const untouched = `auth-denied-${ulid().toLowerCase()}`;
    const denied = await expectProblem(
      await postRun(reader.key, { target: target.id, workflow: 'secret-scan', project: untouched }),
      403,
      'insufficient-scope',
    );
    expect(denied.detail).toContain('`submit`');
    // Refused before anything was stored: the run's project has no run.
    const none = await json<RunListResponse>(await fetch(`${api}/v1/runs?project=${untouched}`));
    expect(none.runs).toEqual([]);
    await expectProblem(await as(reader.key, '/v1/admin/keys'), 403, 'insufficient-scope');

    await expectProblem(await as(submitter.key, '/v1/runs'), 403, 'insufficient-scope');
    // Past the scope check the request is judged on its content.
    await expectProblem(
      await postRun(submitter.key, { target: 'no-such-target', workflow: 'secret-scan' }),
      404,
      'target-not-found',
    );
    await expectProblem(
      await as(submitter.key, '/v1/admin/keys', { method: 'POST', body: '{}' }),
      403,
      'insufficient-scope',
    );
  });

  it('refuses revoked and expired keys', async () => {
    const key = await createKey({ scopes: ['read'] });
    expect((await as(key.key, '/v1/workflows')).status).toBe(200);
    const revoked = await fetch(`${api}/v1/admin/keys/${key.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect((await json<CreatedApiKey>(revoked)).revokedAt).not.toBeNull();
    await expectProblem(await as(key.key, '/v1/workflows'), 401, 'unauthorized');
    const active = await json<ApiKeyList>(await fetch(`${api}/v1/admin/keys`));
    expect(active.keys.map((k) => k.id)).not.toContain(key.id);
    const all = await json<ApiKeyList>(await fetch(`${api}/v1/admin/keys?revoked=true`));
    expect(all.keys.map((k) => k.id)).toContain(key.id);

    const expired = await createKey({
      scopes: ['read'],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    await expectProblem(await as(expired.key, '/v1/workflows'), 401, 'unauthorized');

    await expectProblem(
      await fetch(`${api}/v1/admin/keys/${ulid()}`, { method: 'DELETE' }),
      404,
      'api-key-not-found',
    );
  });

  it('rejects a bad key request naming the field', async () => {
    const bad = async (body: string, path: string, code = 'validation-failed') => {
      const res = await fetch(`${api}/v1/admin/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const problem = await expectProblem(res, 400, code);
      if (path) expect(problem.errors?.map((e) => e.path)).toContain(path);
    };
    await bad('{"name":"x","scopes":["root"]}', '/scopes/0');
    await bad('{"name":"x","scopes":[]}', '/scopes');
    await bad('{"name":"x","scopes":["admin"],"projects":["alpha"]}', '/projects');
    await bad('{"name":"x","scopes":["read"],"projects":["Not A Project"]}', '/projects/0');
    await bad('{"name":"x","scopes":["read"],"rateLimit":{"perSecond":0,"burst":1}}', '/rateLimit/perSecond');
    await bad('{"scopes":', '', 'invalid-json');
  });

  it('answers 429 with Retry-After once a key has used its token bucket', async () => {
    const key = await createKey({ scopes: ['read'], rateLimit: { perSecond: 0.5, burst: 3 } });
    for (let i = 0; i < 3; i++) expect((await as(key.key, '/v1/workflows')).status).toBe(200);
    const limited = await as(key.key, '/v1/workflows');
    const problem = await expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect(problem.detail).toContain('0.5 requests per second');
    // Another key has its own bucket.
    const other = await createKey({ scopes: ['read'] });
    expect((await as(other.key, '/v1/workflows')).status).toBe(200);
  });

  it('records every request in the audit trail: key, route, outcome', async () => {
    const key = await createKey({ scopes: ['read'], rateLimit: { perSecond: 0.2, burst: 2 } });
    expect((await as(key.key, '/v1/runs?limit=1')).status).toBe(200);
    expect((await as(key.key, `/v1/runs/${ulid()}`)).status).toBe(404);
    expect((await postRun(key.key, {})).status).toBe(403);
    expect((await as(key.key, '/v1/workflows')).status).toBe(429);
    const marker = `/v1/unauthenticated-${ulid()}`;
    expect((await anonymousFetch(`${api}${marker}`)).status).toBe(401);

    const page = await eventually(
      async () => {
        const p = await json<RequestAuditPage>(await fetch(`${api}/v1/admin/requests?keyId=${key.id}`));
        return p.records.length >= 4 ? p : undefined;
      },
      10_000,
      'the audit records of the key',
    );
    expect(page.records.map((r) => [r.method, r.route, r.status, r.outcome])).toEqual([
      ['GET', '/v1/workflows', 429, 'rate-limited'],
      ['POST', '/v1/runs', 403, 'forbidden'],
      ['GET', '/v1/runs/:id', 404, 'rejected'],
      ['GET', '/v1/runs', 200, 'ok'],
    ]);
    expect(page.records.every((r) => r.keyId === key.id && r.durationMs >= 0)).toBe(true);

    const anonymous = await json<RequestAuditPage>(
      await fetch(`${api}/v1/admin/requests?outcome=unauthenticated&limit=500`),
    );
    expect(anonymous.records.find((r) => r.route === marker)).toMatchObject({ keyId: null, status: 401 });
  });
});

describe('keys limited to projects', () => {
  it('see and submit only within their projects; other projects look like nothing', async () => {
    const mine = `auth-mine-${ulid().toLowerCase()}`;
    const theirs = `auth-theirs-${ulid().toLowerCase()}`;
    const target = await uploadFixture(api, 'leaky-app');
    const theirRun = await requestRun(api, target.id, 'secret-scan', {}, theirs);
    const key = await createKey({ scopes: ['read', 'submit'], projects: [mine] });

    // The same bytes are one target; the key sees it once it uploaded them to its project itself.
    await expectProblem(
      await postRun(key.key, { target: target.id, workflow: 'secret-scan' }),
      404,
      'target-not-found',
    );
    await expectProblem(await as(key.key, `/v1/targets/${target.id}`), 404, 'target-not-found');
    const uploaded = await as(key.key, '/v1/targets', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: await tarGzOf(leakyApp),
    });
    expect(uploaded.status).toBe(201);
    // Only its own projects: not which others hold the same bytes.
    expect((await json<TargetResponse>(uploaded)).projects).toEqual([mine]);

    // A run request without a project lands in the key's project; another project is refused.
    const submitted = await postRun(key.key, { target: target.id, workflow: 'secret-scan' });
    expect(submitted.status, await submitted.clone().text()).toBe(202);
    const myRun = (await json<{ id: string }>(submitted)).id;
    await expectProblem(
      await postRun(key.key, { target: target.id, workflow: 'secret-scan', project: theirs }),
      403,
      'project-forbidden',
    );

    const run = await eventually(
      async () => {
        const res = await as(key.key, `/v1/runs/${myRun}`);
        return res.status === 200 ? json<RunResponse>(res) : undefined;
      },
      10_000,
      'the run',
    );
    expect(run.project).toBe(mine);

    // Another project's run is a 404, exactly like an id that does not exist.
    const other = await expectProblem(await as(key.key, `/v1/runs/${theirRun}`), 404, 'run-not-found');
    const unknown = await expectProblem(await as(key.key, `/v1/runs/${ulid()}`), 404, 'run-not-found');
    expect(Object.keys(other).sort()).toEqual(Object.keys(unknown).sort());
    for (const path of ['findings', 'crashes', 'events']) {
      await expectProblem(await as(key.key, `/v1/runs/${theirRun}/${path}`), 404, 'run-not-found');
    }
    await expectProblem(
      await as(key.key, `/v1/runs/${theirRun}/cancel`, { method: 'POST' }),
      404,
      'run-not-found',
    );
    await expectProblem(
      await as(key.key, `/v1/runs/${theirRun}/retry`, { method: 'POST' }),
      404,
      'run-not-found',
    );

    // Lists stay within the key's projects.
    const listed = await json<RunListResponse>(await as(key.key, '/v1/runs?limit=500'));
    expect(listed.runs.length).toBeGreaterThan(0);
    expect(listed.runs.every((r) => r.project === mine)).toBe(true);
    await expectProblem(await as(key.key, `/v1/runs?project=${theirs}`), 403, 'project-forbidden');
    await expectProblem(await as(key.key, `/v1/corpora?project=${theirs}`), 403, 'project-forbidden');
    await expectProblem(await as(key.key, `/v1/targets?project=${theirs}`), 403, 'project-forbidden');
    const targets = await json<TargetListResponse>(await as(key.key, '/v1/targets?limit=500'));
    expect(targets.targets.map((t) => t.id)).toContain(target.id);
    expect(targets.targets.every((t) => t.projects.includes(mine))).toBe(true);
    // Findings: another project's are out of sight, and cannot be triaged.
    await completedRun(api, theirRun);
    const theirFindings = await json<FindingListResponse>(
      await fetch(`${api}/v1/findings?project=${theirs}`),
    );
    const theirFinding = theirFindings.findings[0]!;
    await expectProblem(await as(key.key, `/v1/findings?project=${theirs}`), 403, 'project-forbidden');
    await expectProblem(await as(key.key, `/v1/findings/${theirFinding.id}`), 404, 'finding-not-found');
    await expectProblem(
      await as(key.key, `/v1/findings/${theirFinding.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'false_positive', comment: 'not mine to say' }),
      }),
      404,
      'finding-not-found',
    );
    const unchanged = await json<ProjectFindingResponse>(
      await fetch(`${api}/v1/findings/${theirFinding.id}`),
    );
    expect(unchanged.status).toBe('open');
    await expectProblem(
      await as(key.key, `/v1/findings?new-since-run=${theirRun}`),
      400,
      'validation-failed',
    );
    const visible = await json<FindingListResponse>(await as(key.key, '/v1/findings?limit=500'));
    expect(visible.findings.every((f) => f.project === mine)).toBe(true);
  });

  it('refuses an upload to a project the key may not use, storing nothing', async () => {
    const key = await createKey({ scopes: ['submit'], projects: [`auth-${ulid().toLowerCase()}`] });
    const body = `never stored ${ulid()}`;
    const res = await as(key.key, '/v1/targets?project=default', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    await expectProblem(res, 403, 'project-forbidden');
    await expectProblem(
      await as(key.key, '/v1/targets?project=Bad%20Name', { method: 'POST', body }),
      400,
      'validation-failed',
    );
    // Targets are named by their sha256: those bytes never became one.
    const id = createHash('sha256').update(body).digest('hex');
    await expectProblem(await fetch(`${api}/v1/targets/${id}`), 404, 'target-not-found');
  });

  it('files targets under every project they were uploaded to or run in', async () => {
    const alpha = `auth-alpha-${ulid().toLowerCase()}`;
    const beta = `auth-beta-${ulid().toLowerCase()}`;
    const body = `print("projects ${ulid()}")\n`;
    const upload = (project: string) =>
      fetch(`${api}/v1/targets?project=${project}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      });
    const first = await json<TargetResponse>(await upload(alpha));
    expect(first.projects).toEqual([alpha]);
    const second = await json<TargetResponse>(await upload(beta));
    expect(second.id).toBe(first.id);
    expect(second.projects).toEqual([alpha, beta].sort());
    const gamma = `auth-gamma-${ulid().toLowerCase()}`;
    await requestRun(api, first.id, 'secret-scan', {}, gamma);
    const listed = await eventually(
      async () => {
        const page = await json<TargetListResponse>(await fetch(`${api}/v1/targets?project=${gamma}`));
        return page.targets.length === 1 ? page : undefined;
      },
      10_000,
      'the target in the project it was run in',
    );
    expect(listed.targets[0]).toMatchObject({ id: first.id, projects: [alpha, beta, gamma].sort() });
  });
});
